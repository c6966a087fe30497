# --level post on one row per account (tests/data/tiers.csv has no post id) takes the
# rows as posts of their account, with a warning, and the input block says post.
args: describe tests/data/tiers.csv --level post --band-column tier --ratio small/huge --boot 0
stdout-contains: level     post
stdout-contains: post (--level post): the 11 rows are posts of their account (11 accounts); the data look account-level
