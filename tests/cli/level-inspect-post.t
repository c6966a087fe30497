# inspect states the level and why: the bundled simulated posts have a post_id column;
# 86374 rows of 50000 (platform, account) pairs, 1.7 posts per account, counted by R 4.2.2:
#   Rscript -e 'd <- read.csv(gzfile("datasets/engagestat-sim.csv.gz")); nrow(d); nrow(unique(d[c("account_id", "platform")]))'
args: inspect datasets/engagestat-sim.csv.gz
stdout-contains: level             post
stdout-contains: level_evidence    post: 'post_id' column (post role), 1.7 posts per account on average ('account_id': 86374 rows, 50000 accounts)
