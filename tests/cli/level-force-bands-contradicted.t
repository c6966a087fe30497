# --level bands on posts: the data are no band summary, a usage error with the evidence.
args: inspect tests/data/posts-small.csv --level bands
exit: 2
stderr-contains: --level bands: the data are not a band summary (post: 'post_id' column (post role)
