# regress_run.R — expected values for tests/test_analysis_regress.c (es_regress_run).
# R version 4.2.2, package sandwich 3.0-2.  Run from the repository root:
#   Rscript tests/reference/regress_run.R
suppressMessages(library(sandwich))
p17 <- function(name, x) cat(name, "=", paste(formatC(x, digits = 17, format = "g"), collapse = ", "), "\n")

# 1. tests/data/accounts-r.csv, account units, ER = (likes + comments) / followers: the
# contrast between two bands at the median followers of each (hypeauditor bands,
# [lo, hi)), with HC3 errors and t quantiles on df.residual.
d <- read.csv("tests/data/accounts-r.csv")
d$er <- (d$avg_likes + d$avg_comments) / d$followers
m <- lm(log10(er) ~ log10(followers), d)
V <- vcovHC(m, type = "HC3")
band <- cut(d$followers, c(1e3, 1e4, 5e4, 5e5, 1e6, Inf), right = FALSE,
            labels = c("nano", "micro", "mid", "macro", "mega"))
print(table(band))
contrast <- function(a, b) {
  fa <- median(d$followers[band == a]); fb <- median(d$followers[band == b])
  dl <- coef(m)[2] * (log10(fa) - log10(fb))
  se <- abs(log10(fa) - log10(fb)) * sqrt(V[2, 2])
  q <- qt(0.975, df.residual(m))
  c(fa, fb, 10^dl, 10^(dl - q * se), 10^(dl + q * se))
}
p17("nano_macro", contrast("nano", "macro"))   # followers medians, ratio, ci_low, ci_high
p17("micro_mega", contrast("micro", "mega"))
# the first of 10 log-spaced follower bins: n and median ER
l <- log10(d$followers); a <- min(l); w <- (max(l) - a) / 10
in1 <- l >= a & l < a + w
p17("bin1", c(sum(in1), median(d$er[in1])))

# 2. tests/data/reg_posts.csv, post units, ER = likes / followers (posts with zero likes
# are left out of the log model): log10(followers) and sponsored, with the covariates
# niche and platform; cluster-robust by account (CR1 = vcovCL HC1) and HC3.
p <- read.csv("tests/data/reg_posts.csv")
p <- p[p$likes > 0, ]
f <- lm(log10(likes / followers) ~ log10(followers) + niche + platform + sponsored, data = p)
cat("n =", nobs(f), "\n")
p17("posts_coef", coef(f)[c("log10(followers)", "sponsored")])
p17("posts_se_cr1", sqrt(diag(vcovCL(f, cluster = ~account, type = "HC1")))[c("log10(followers)", "sponsored")])
p17("posts_se_hc3", sqrt(diag(vcovHC(f, type = "HC3")))[c("log10(followers)", "sponsored")])
p17("posts_r2_sigma", c(summary(f)$r.squared, summary(f)$sigma))
# 3. The same file as account units (median ER and median followers over each account's
# posts, ER = likes / followers) with a column of the file as covariate: likes, the
# mean over the account's posts, and niche (the first post's), HC3 errors.
a <- do.call(rbind, lapply(split(read.csv("tests/data/reg_posts.csv"), ~account), function(g)
  data.frame(er = median(g$likes / g$followers), followers = median(g$followers),
             likes = mean(g$likes), niche = g$niche[1])))
fa <- lm(log10(er) ~ log10(followers) + likes + niche, data = a)
cat("n =", nobs(fa), "\n")
p17("acc_coef", coef(fa)[c("log10(followers)", "likes")])
p17("acc_se_hc3", sqrt(diag(vcovHC(fa, type = "HC3")))[c("log10(followers)", "likes")])

# Output (R 4.2.2 Patched r83330, sandwich 3.0-2):
#   band: nano 22, micro 25, mid 35, macro 7, mega 31
#   nano_macro = 3682, 758751, 1.4851972387866619, 1.162133855769153, 1.8980695099357714
#   micro_mega = 19027, 3419020, 1.4701723268986064, 1.1576537323105613, 1.8670580074617915
#   bin1 = 9, 0.024577572964669739
#   n = 90
#   posts_coef = -0.25858496903920686, 0.02151306053392317
#   posts_se_cr1 = 0.02142586110823046, 0.073961500380396117
#   posts_se_hc3 = 0.033521873046863146, 0.073118521339673739
#   posts_r2_sigma = 0.54310102224542534, 0.27889827292909652
#   n = 16
#   acc_coef = -0.31504215050119938, 2.548346265997041e-05
#   acc_se_hc3 = 0.13799491704323097, 5.6359411382644265e-05
