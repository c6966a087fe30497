# A table of band summaries (one row per band with a median rate, no follower counts)
# is said to be one, not read as accounts and refused for a missing 'likes' column.
args: describe tests/data/band-summary.csv
exit: 1
stderr-contains: this file is a table of band summaries, not accounts or posts: 2 rows of 'median_er' by 'follower_band'
