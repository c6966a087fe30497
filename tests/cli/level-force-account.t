# --level account on posts (tests/data/posts-small.csv: 11 posts of 7 accounts) takes
# each row as an account, with a warning; the input block says account.  10 of the 11
# rows have a defined ER (row 9 has no likes), hence 10 accounts (tests/reference/reference.R).
args: describe tests/data/posts-small.csv --level account --boot 0
stdout-contains: level     account
stdout-contains: accounts  10 (accounts with a defined ER)
stdout-contains: account (--level account): each of the 11 rows is an account; the data look post-level (post: 'post_id' column
