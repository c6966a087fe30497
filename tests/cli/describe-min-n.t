# Below --min-n (default 10 accounts; for post units, accounts are what is resampled)
# a group gets no interval, only a note saying why (nano has 1 account).
args: describe tests/data/posts-small.csv --unit post --boot 100 --format csv --table intervals
stdout-contains: nano,1k-10k,median,order statistics,0.012,,,n = 1 < min_n 10: no interval
stdout-lacks: nano,1k-10k,median,cluster bootstrap
