# fit_data.R — generates the test inputs tests/data/fit_*.txt for tests/test_fit.c.
# R version 4.2.2 (2022-10-31).  Run from the repository root:
#   Rscript tests/reference/fit_data.R
# The files are committed; rerun only to regenerate them (then rerun fit.R).
set.seed(20261126)
w <- function(x, f) writeLines(sprintf("%.17g", x), file.path("tests/data", f))
w(rlnorm(157, -3.2, 0.9), "fit_lnorm.txt")          # engagement-rate-like, lognormal
w(rgamma(123, shape = 2.7, rate = 55), "fit_gamma.txt")
w(rweibull(141, shape = 1.3, scale = 0.04), "fit_weibull.txt")
w(rbeta(166, 1.8, 45), "fit_beta.txt")
b <- rbeta(90, 0.9, 12); b[c(3, 17, 29, 41, 55, 70, 88)] <- 0; b[60] <- 1
w(b, "fit_beta01.txt")                               # 7 exact zeros and one exact 1
w(round(rlnorm(200, 10, 2.2)) + 1, "fit_followers.txt") # follower counts up to ~1e8
w(rbeta(5000, 1.15, 26), "fit_beta_big.txt")        # large n: Newton stops at the rounding floor
w(rgamma(50, 2, 1) * 1e-9, "fit_tiny.txt")            # scale 1e-9
w(rweibull(50, 0.7, 1e9), "fit_huge.txt")             # scale 1e9
w(1000 + rnorm(40, 0, 0.01), "fit_nearconst.txt")     # CV 1e-5: gamma shape ~1e10, Weibull shape ~1e5
