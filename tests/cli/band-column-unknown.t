args: fit tests/data/tiers.csv --band-column level
exit: 2
stderr-contains: --band-column: no column named 'level' (columns: account, followers, likes, comments, tier)
