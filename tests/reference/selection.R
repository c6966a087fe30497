# selection.R — the synthetic files of tests/test_selection.c and tests/cli/selection-*.t
# and the numbers the selection checks must report on them.
# Run from the repository root:  Rscript tests/reference/selection.R   (R 4.2.2)
# It (re)writes tests/data/selection-{top100,random,lagged}.csv and prints the expected
# numbers, which the tests cite.
options(scipen = 100)
set.seed(20261201)
fmt_pairs <- function(x) {          # adjacent pairs in descending order, ties/NA left out
  d <- diff(x); d <- d[!is.na(d) & d != 0]
  sprintf("%.1f%% of adjacent pairs (%d of %d)", 100 * mean(d < 0), sum(d < 0), length(d))
}

# 1. A top-100 list: rank 1..100, followers descending from 50M to 120k (log-spaced),
#    engagement rising as followers fall (what a ranking that mixes in engagement keeps).
n <- 100
followers <- round(10^seq(log10(5e7), log10(1.2e5), length.out = n))
er <- 0.01 * (5e7 / followers)^0.15 * exp(rnorm(n, 0, 0.2))
likes <- round(followers * er * 0.95); comments <- round(followers * er * 0.05)
top <- data.frame(rank = 1:n, account = sprintf("star%03d", 1:n),
                  niche = sample(c("music", "sports", "beauty"), n, TRUE),
                  followers = followers, likes = likes, comments = comments)
write.csv(top, "tests/data/selection-top100.csv", row.names = FALSE, quote = FALSE)
cat("top100: followers", fmt_pairs(top$followers), "\n")
cat("top100: rank runs", min(top$rank), "..", max(top$rank), ", distinct", length(unique(top$rank)), "\n")
cat("top100: smallest followers", min(top$followers), "\n")

# 2. A random sample: 137 accounts, log-uniform followers 1.2k..3M in random order.
n <- 137
followers <- round(10^runif(n, log10(1200), log10(3e6)))
er <- 0.03 * (followers / 1e4)^-0.1 * exp(rnorm(n, 0, 0.4))
likes <- round(followers * er * 0.95); comments <- round(followers * er * 0.05)
rnd <- data.frame(account = sprintf("acct%03d", 1:n), followers = followers, likes = likes,
                  comments = comments)
write.csv(rnd, "tests/data/selection-random.csv", row.names = FALSE, quote = FALSE)
cat("random: followers", fmt_pairs(rnd$followers), "\n")
cat("random: engagement", fmt_pairs((rnd$likes + rnd$comments) / rnd$followers), "\n")
cat("random: smallest followers", min(rnd$followers), "\n")

# 3. Posts with a follower snapshot long after them: 40 accounts x 5 posts dated
#    2019-01-01 .. 2021-12-31, followers read once on 2022-06-01.
na <- 40; np <- 5
acc <- rep(sprintf("user%02d", 1:na), each = np)
posted <- as.POSIXct("2019-01-01", tz = "UTC") + runif(na * np, 0, 3 * 365 * 86400)
scraped <- as.POSIXct("2022-06-01 12:00:00", tz = "UTC")
fol <- rep(round(10^runif(na, 3.2, 6.5)), each = np)
er <- 0.03 * exp(rnorm(na * np, 0, 0.3))
lag <- data.frame(account_id = acc, post_id = sprintf("p%03d", seq_along(acc)),
                  posted_at = format(posted, "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"),
                  scraped_at = format(scraped, "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"),
                  followers = fol, likes = round(fol * er), comments = round(fol * er * 0.05))
write.csv(lag, "tests/data/selection-lagged.csv", row.names = FALSE, quote = FALSE)
# the lag as the file holds it (posted_at rounded to the second)
p <- as.POSIXct(lag$posted_at, format = "%Y-%m-%dT%H:%M:%SZ", tz = "UTC")
days <- as.numeric(difftime(scraped, p, units = "days"))
cat("lagged: median lag", sprintf("%.0f", median(days)), "days;", sum(days > 180), "of", length(days),
    "over 180\n")
cat(R.version.string, "\n")
