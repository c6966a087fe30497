# inspect --selection on a random sample of 137 accounts (tests/reference/selection.R,
# R 4.2.2: followers descending in 64 of 136 adjacent pairs): no selection on the outcome.
args: inspect tests/data/selection-random.csv --selection --format csv --table selection
stdout-contains: rank_column,no,
stdout-contains: sorted_by_outcome,no,rows are in descending order of followers in 47.1% of adjacent pairs (64 of 136)
stdout-contains: top_n,no,"137 accounts, the smallest with 1.29k followers
stdout-lacks: ,yes,
