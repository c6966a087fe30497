# Reference values for tests/test_engagement.c (R 4.2.2).
# Run: Rscript tests/reference/engagement.R
# Account engagement rate from posts: (likes + comments) / followers per post, posts
# with a missing count or ER > 1 left out, then median / mean / ratio of sums per account.
d <- read.csv("tests/data/posts-small.csv", na.strings = "NA")
d$er <- (d$likes + d$comments) / d$followers
keep <- !is.na(d$er) & d$followers > 0 & d$er <= 1
cat("rows left out: missing", sum(is.na(d$er)), "above max", sum(d$er > 1, na.rm = TRUE), "\n")
k <- d[keep, ]
med <- tapply(k$er, k$account, median)
avg <- tapply(k$er, k$account, mean)
rat <- tapply(k$likes + k$comments, k$account, sum) / tapply(k$followers, k$account, sum)
print(format(data.frame(median = med, mean = avg, ratio = rat), digits = 17))
# Bands (hypeauditor, [lo, hi)): findInterval(followers, c(1e3, 1e4, 5e4, 5e5, 1e6)) - 1
f <- tapply(k$followers, k$account, median)
print(findInterval(f, c(1e3, 1e4, 5e4, 5e5, 1e6)) - 1)
# Output (R 4.2.2):
# rows left out: missing 1 above max 1
#                  median                  mean                 ratio
# a 0.0120000000000000002 0.0160000000000000003 0.0160000000000000003
# b 0.0130000000000000011 0.0130000000000000011 0.0129999999999999994
# c 0.0052500000000000003 0.0052500000000000003 0.0052500000000000003
# d 0.1100000000000000006 0.1100000000000000006 0.1100000000000000006
# h 0.0109999999999999994 0.0109999999999999994 0.0109999999999999994
# [1]  0  1  4 -1  2
