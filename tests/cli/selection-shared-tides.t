# TIDES TikTok (1,000 accounts per tier by design): 5000 is a round number but the
# smallest account has 1.01k followers, so no top-N; small band x commerceCategory cells
# (tests/reference/selection_shared.R, R 4.2.2: 170 of 190 under 10 accounts).
requires: ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv
args: inspect ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv --selection --er total_likes/total_videos/followers --format csv --table selection
stdout-contains: top_n,no,"5000 accounts (a round number), the smallest with 1.01k followers
stdout-contains: small_cells,yes,"170 of 190 band x niche cells have fewer than 10 accounts
stdout-contains: rank_column,no,
stdout-contains: sorted_by_outcome,no,
