# The SMI top-1000 lists (SOURCE.md: HypeAuditor's Top 1000 per platform, ordered by
# rank) are selected on the outcome: tests/reference/selection_shared.R (R 4.2.2) finds
# rank 1..1000 without gaps per platform, ascending in 2999 of 3002 adjacent pairs,
# smallest followers 2.2M (Instagram), 10.3k (TikTok), 10.1M (YouTube).
requires: ../shared/datasets-external/smi2022-top1000-ig-tt-yt/tidy_2022-12_all_platforms.csv
args: inspect ../shared/datasets-external/smi2022-top1000-ig-tt-yt/tidy_2022-12_all_platforms.csv --selection
stdout-contains: selection: rank_column: column 'rank' runs 1..1000 without gaps within each platform
stdout-contains: selection: sorted_by_outcome: 
stdout-contains: rows are in ascending order of 'rank' in 99.9% of adjacent pairs (2999 of 3002)
stdout-contains: selection: top_n: instagram: ranks 1..1000 (a round number), the smallest with 2.2M followers
stdout-contains: instagram starts at 2.2M: bands nano, micro, mid, macro have no account
stdout-contains: youtube starts at 10.1M: bands nano, micro, mid, macro have no account
