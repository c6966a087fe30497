# fit_bands.R — expected values for tests/test_analysis_fit.c (es_fit_run, band mode).
# R version 4.2.2 (2022-10-31), base R only.  Run from the repository root:
#   Rscript tests/reference/fit_bands.R
# Reads tests/data/accounts-r.csv (made by describe.R), the engagement rate
# (avg_likes + avg_comments) / followers per account, bands hypeauditor (edges 1k, 10k,
# 50k, 500k, 1M; findInterval as in describe.R), and writes
# tests/data/fit_bands_expected.csv: per band and for all accounts, the closed-form
# MLEs of the lognormal (meanlog = mean(log x), sdlog = population SD of log x) and the
# exponential (rate = 1 / mean x), with loglik = sum(d<dist>(x, est, log = TRUE)),
# aic = 2k - 2 loglik, bic = k log n - 2 loglik; ks = ks.test(x, p<dist>, est)$statistic.
d <- read.csv("tests/data/accounts-r.csv")
d$er <- (d$avg_likes + d$avg_comments) / d$followers
band <- findInterval(d$followers, c(1e3, 1e4, 5e4, 5e5, 1e6))
names <- c("nano", "micro", "mid", "macro", "mega")
g <- function(x) formatC(x, digits = 17, format = "g")
rows <- "band,dist,n,par1,par2,loglik,aic,bic,ks"
for (b in c(1:5, 0)) {
  x <- if (b == 0) d$er else d$er[band == b]
  n <- length(x)
  ml <- mean(log(x)); sl <- sqrt(mean((log(x) - ml)^2)); r <- 1 / mean(x)
  ll1 <- sum(dlnorm(x, ml, sl, log = TRUE)); ll2 <- sum(dexp(x, r, log = TRUE))
  ks1 <- unname(ks.test(x, "plnorm", ml, sl)$statistic); ks2 <- unname(ks.test(x, "pexp", r)$statistic)
  lab <- if (b == 0) "all" else names[b]
  rows <- c(rows,
    paste(lab, "lognormal", n, g(ml), g(sl), g(ll1), g(4 - 2 * ll1), g(2 * log(n) - 2 * ll1), g(ks1), sep = ","),
    paste(lab, "exponential", n, g(r), "NA", g(ll2), g(2 - 2 * ll2), g(log(n) - 2 * ll2), g(ks2), sep = ","))
}
writeLines(c("# produced by: Rscript tests/reference/fit_bands.R (R 4.2.2)", rows), "tests/data/fit_bands_expected.csv")
