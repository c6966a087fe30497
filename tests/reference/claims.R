# Reference values for tests/test_claims.c (the seed's claims and the sensitivity grid)
# on two account-level files, computed independently of engagestat.
# Run: Rscript tests/reference/claims.R   (R 4.2.2; values kept at the end)
ratios <- function(path) {
  d <- read.csv(path)
  f <- d$followers
  er <- (d$avg_likes + d$avg_comments) / f
  lk <- d$avg_likes / f
  cpl <- ifelse(d$avg_likes > 0, d$avg_comments / d$avg_likes, NA)
  m <- function(x, lo, hi) median(x[f >= lo & f < hi], na.rm = TRUE)
  p17 <- function(name, v) cat(sprintf("%s %s = %.17g\n", basename(path), name, v))
  p17("claim1", m(er, 5e3, 5e4) / m(er, 5e4, Inf))
  p17("claim3", m(er, 5e3, 5e4) / m(er, 1e6, 5e6))
  p17("claim4", m(cpl, 5e3, 5e4) / m(cpl, 1e6, Inf))
  p17("baseline", m(er, 1e4, 5e4) / m(er, 1e6, Inf))         # hypeauditor micro/mega
  p17("seed", m(er, 5e3, 5e4) / m(er, 1e6, Inf))
  p17("later", m(er, 1e4, 1e5) / m(er, 1e6, Inf))
  p17("markerly", m(er, 1e4, 1e5) / m(er, 1e7, Inf))
  p17("likes", m(lk, 1e4, 5e4) / m(lk, 1e6, Inf))
}
ratios("tests/data/accounts-r.csv")
ratios("tests/data/rising.csv")
# R version 4.2.2 Patched (2022-11-10 r83330):
#   accounts-r.csv claim1 = 1.356704060645058
#   accounts-r.csv claim3 = 1.400485704357912
#   accounts-r.csv claim4 = 1.0025951557093427
#   accounts-r.csv baseline = 1.3952733998320392
#   accounts-r.csv seed = 1.400485704357912
#   accounts-r.csv later = 1.2660637230780112
#   accounts-r.csv markerly = NA
#   accounts-r.csv likes = 1.3952031518186399
#   rising.csv claim1 = 0.54005733291602565
#   rising.csv claim3 = 0.52591275959693873
#   rising.csv claim4 = 1.0026323844657059
#   rising.csv baseline = 0.46538684612804349
#   rising.csv seed = 0.45879706597859365
#   rising.csv later = 0.46551954074351909
#   rising.csv markerly = 0.37255657206149606
#   rising.csv likes = 0.46460357320894641
