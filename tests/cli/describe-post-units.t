# Post units: labelled as such; the median CI comes from the cluster bootstrap
# (--min-n 2: the fixture has a few accounts per band).
args: describe tests/data/posts-small.csv --unit post --boot 100 --min-n 2 --format csv --table intervals
stdout-contains: all,all,median,cluster bootstrap percentile
stdout-contains: not valid for clustered posts
