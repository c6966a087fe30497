# Post units: labelled as such; the median CI comes from the cluster bootstrap.
args: describe tests/data/posts-small.csv --unit post --boot 100 --format csv --table intervals
stdout-contains: nano,1k-10k,median,cluster bootstrap percentile
stdout-contains: not valid for clustered posts
