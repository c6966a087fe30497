# Kim et al. (a sample of accounts, not of outcomes): no rank, sort, top-N or feed; one
# follower count per account (tests/reference/selection_shared.R, R 4.2.2: 0 of 23105
# vary), read in a 2019 crawl (SOURCE.md) with no date column, so the lag is only
# bounded: at least 40 days (median) from accounts with several posts, 300 days if one
# crawl after the latest post; 9 of 50
# band x category cells have fewer than 10 accounts (the same script).
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
valgrind: skip
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --selection --format csv --table selection
stdout-contains: rank_column,no,
stdout-contains: sorted_by_outcome,no,
stdout-contains: top_n,no,
stdout-contains: trending_feed,no,
stdout-contains: range_above_edge,no,
stdout-contains: if all were read in one crawl, after the latest post in the file, the median lag is at least 300 days
stdout-contains: followers_vary,no,0 of 23105 accounts have a follower count that varies across their posts
stdout-contains: small_cells,yes,"9 of 50 band x niche cells have fewer than 10 accounts
stdout-contains: followers were read at least 40 days (median) after the posts (7629 of 28131 posts of accounts with several posts at least 180 days)
