# inspect --selection on a top-100 list (tests/data/selection-top100.csv, written by
# tests/reference/selection.R, R 4.2.2): rank 1..100, followers descending in 99 of 99
# adjacent pairs, smallest 120k; the warnings name the evidence.
args: inspect tests/data/selection-top100.csv --selection
stdout-contains: selection: rank_column: column 'rank' runs 1..100 without gaps
stdout-contains: selection: sorted_by_outcome: rows are in descending order of followers in 100.0% of adjacent pairs (99 of 99)
stdout-contains: selection: top_n: ranks 1..100 (a round number), the smallest with 120k followers
stdout-contains: selection: range_above_edge: followers start at 120k: bands nano, micro have no account
