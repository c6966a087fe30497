# regress_ols.R — expected values for tests/test_ols.c and tests/test_sandwich.c.
# R version 4.2.2, package sandwich.  Run from the repository root:
#   Rscript tests/reference/regress_ols.R
# It (re)writes tests/data/reg_posts.csv (80 posts of 16 accounts; values rounded to
# 10 significant digits so that the CSV is the exact input) and prints lm(), vcovHC()
# and vcovCL() results with 17 significant digits.
suppressMessages(library(sandwich))
set.seed(20261126)
G <- 16
acc <- data.frame(account = sprintf("a%02d", 1:G),
                  followers = round(10^runif(G, 3, 6.5)),
                  niche = sample(c("beauty", "food", "tech"), G, replace = TRUE, prob = c(.5, .3, .2)),
                  platform = sample(c("instagram", "tiktok"), G, replace = TRUE))
acc$u <- rnorm(G, 0, 0.15)
posts <- acc[rep(1:G, times = sample(3:8, G, replace = TRUE)), ]
n <- nrow(posts)
posts$sponsored <- rbinom(n, 1, 0.3)
posts$er <- signif(10^(-1 - 0.25 * log10(posts$followers) + 0.1 * (posts$niche == "food") -
                   0.05 * (posts$platform == "tiktok") - 0.08 * posts$sponsored + posts$u +
                   rnorm(n, 0, 0.2 * (1 + posts$sponsored))), 10)
posts$likes <- round(posts$er * posts$followers)
posts$u <- NULL
rownames(posts) <- NULL
write.csv(posts[, c("account", "followers", "niche", "platform", "sponsored", "er", "likes")],
          "tests/data/reg_posts.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("tests/data/reg_posts.csv")
cat("n =", nrow(d), "\n")
p17 <- function(name, x) cat(name, "=", paste(formatC(x, digits = 17, format = "g"), collapse = ", "), "\n")
f <- lm(log10(er) ~ log10(followers) + niche + platform + sponsored, data = d)
s <- summary(f)
p17("coef", coef(f))
p17("se", s$coefficients[, 2])
p17("t", s$coefficients[, 3])
p17("p", s$coefficients[, 4])
ci <- confint(f)
p17("ci_low", ci[, 1])
p17("ci_high", ci[, 2])
p17("sigma", s$sigma)
p17("r2", s$r.squared)
p17("adj_r2", s$adj.r.squared)
p17("F", s$fstatistic)
p17("F_p", pf(s$fstatistic[1], s$fstatistic[2], s$fstatistic[3], lower.tail = FALSE))
p17("loglik", logLik(f))
p17("aic", AIC(f))
p17("bic", BIC(f))
for (ty in c("HC0", "HC1", "HC2", "HC3")) p17(ty, vcovHC(f, type = ty))
p17("CL_HC1", vcovCL(f, cluster = ~account, type = "HC1"))
p17("hatvalues_1_5", hatvalues(f)[1:5])
# level counts (the design's default reference is the most frequent level)
print(table(d$niche)); print(table(d$platform))
# quadratic in log followers, for the turning point (tests/test_ols.c)
fq <- lm(log10(er) ~ log10(followers) + I(log10(followers)^2), data = d)
p17("quad_coef", coef(fq))
p17("quad_vcov", vcov(fq))
# turning point -b1/(2 b2) and its delta-method SE and t interval
b <- coef(fq); V <- vcov(fq)
tp <- -b[2] / (2 * b[3]); g <- c(0, -1 / (2 * b[3]), b[2] / (2 * b[3]^2))
tp_se <- sqrt(drop(t(g) %*% V %*% g))
p17("turning_point", c(tp, tp_se, tp + c(-1, 1) * qt(0.975, df.residual(fq)) * tp_se))
# predicted log10 ER at 10k and 1M followers (linear model, reference levels, sponsored = mean)
# and the log10 ratio 10k/1M, with HC3 standard errors
V3 <- vcovHC(f, type = "HC3")
x10k <- c(1, 4, 0, 0, 0, mean(d$sponsored)); x1m <- c(1, 6, 0, 0, 0, mean(d$sponsored))
p17("pred10k", c(sum(x10k * coef(f)), sqrt(drop(t(x10k) %*% V3 %*% x10k))))
p17("pred1m", c(sum(x1m * coef(f)), sqrt(drop(t(x1m) %*% V3 %*% x1m))))
# rank deficiency: a column equal to 2 * log10(followers) is aliased (NA)
d$lf2 <- 2 * log10(d$followers)
fa <- lm(log10(er) ~ log10(followers) + lf2 + sponsored, data = d)
p17("alias_coef", coef(fa))
p17("alias_se", summary(fa)$coefficients[, 2])

# Issue 16: p-values far in the t tail (test_ols.c test_tail_and_perfect_fit).  At t = 19.7,
# df 48, GSL's gsl_cdf_tdist_Q is 3.6e-7 relative off (2 Q = 1.1155043613779128e-24).  R 4.2.2:
x <- 1:50
y <- 1 + 0.5 * x + 0.8 * ((x * 7) %% 11 - 5)
ft <- lm(y ~ x)
tt <- summary(ft)$coefficients[, 3]
p17("tail_t", tt)
p17("tail_p", 2 * pt(abs(tt), ft$df.residual, lower.tail = FALSE))
# tail_t = 1.557206544127973, 19.737954200120683
# tail_p = 0.12599102670661355, 1.1155047591831607e-24
# A constant response: residuals zero; summary() warns "essentially perfect fit: summary
# may be unreliable" and prints no F (NaN); engagestat reports no t, p or F.
fc <- lm(rep(log10(0.01), 10) ~ I(1:10))
print(summary(fc)$fstatistic)
#  value numdf dendf
#    NaN     1     8
# The shape and models analyses on perfect fits (tests/cli/regress-perfect-fit.t): R 4.2.2
# warns "essentially perfect fit: summary may be unreliable" on both files, where RSS is
# rounding noise (1.4e-28 on constant-er.csv, TSS 0; 5.0e-30 on exact-power.csv, where
# ER = followers^-0.2 exactly, TSS 7.25), so the log-likelihoods behind AIC and the LR
# tests are unbounded: engagestat fits no shape and chooses no model there.
for (f in c("tests/data/constant-er.csv", "tests/data/exact-power.csv")) {
    d <- read.csv(f)
    m <- lm(log10((likes + comments) / followers) ~ log10(followers), data = d)
    print(summary(m)$sigma)   # 1.5e-15 and 3.6e-16 (with the warning)
}
# No residual df (test_ols.c test_tail_and_perfect_fit, last lines): two points, two
# coefficients: R 4.2.2 prints NaN for the SE, t and p (classical and sandwich HC1 alike).
f0 <- lm(y ~ x, data.frame(x = c(1, 2), y = c(3, 5)))
print(summary(f0)$coefficients)
print(sandwich::vcovHC(f0, type = "HC1"))
