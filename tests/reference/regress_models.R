# regress_models.R — expected values for tests/test_models.c (es_models_run, the
# models side by side) on the bundled datasets/engagestat-sim.csv.gz, account units.
# R version 4.2.2, packages sandwich 3.0-2 and MASS 7.3-58.  Run from the repository root:
#   Rscript tests/reference/regress_models.R
# Account units as es_units_build makes them (docs/design.md): one per (platform,
# account_id); ER = median over the account's posts of (likes + comments) / followers;
# followers = median over its posts; niche = its first post's; zero-ER accounts are left
# out of the log models.  Factors use the most frequent level as reference, as
# es_design does (fashion, instagram).
suppressMessages({library(sandwich); library(MASS)})
p17 <- function(name, x) cat(name, "=", paste(formatC(x, digits = 17, format = "g"), collapse = ", "), "\n")
d <- read.csv(gzfile("datasets/engagestat-sim.csv.gz"))
d$er <- (d$likes + d$comments) / d$followers
key <- paste(d$platform, d$account_id)
a <- data.frame(key = unique(key))
i <- match(a$key, key)
a$platform <- d$platform[i]
a$niche <- d$niche[i]
a$followers <- as.numeric(tapply(d$followers, key, median)[a$key])
a$er <- as.numeric(tapply(d$er, key, median)[a$key])
a$likes <- as.numeric(tapply(d$likes, key, sum)[a$key])
a$posts <- as.numeric(table(key)[a$key])
a$niche <- relevel(factor(a$niche), ref = names(which.max(table(a$niche))))
a$platform <- relevel(factor(a$platform), ref = names(which.max(table(a$platform))))
cat("accounts =", nrow(a), " zero ER =", sum(a$er == 0), "\n")
p <- a[a$er > 0, ]
m1 <- lm(log10(er) ~ log10(followers), p)
m2 <- lm(log10(er) ~ log10(followers) + I(log10(followers)^2), p)
m3 <- lm(log10(er) ~ log10(followers) + I(log10(followers)^2) + niche + platform, p)
for (k in 1:3) {
  m <- list(m1, m2, m3)[[k]]
  j <- 1:min(3, k + 1)                    # (Intercept), log10, log10^2: not the dummies
  p17(sprintf("m%d_coef", k), coef(m)[j])
  p17(sprintf("m%d_se_hc3", k), sqrt(diag(vcovHC(m, type = "HC3")))[j])
  p17(sprintf("m%d_fit", k), c(nobs(m), summary(m)$r.squared, summary(m)$adj.r.squared,
                               AIC(m), BIC(m), as.numeric(logLik(m))))
}
lr <- 2 * (as.numeric(logLik(m2)) - as.numeric(logLik(m1)))
p17("lr_quadratic", c(lr, pchisq(lr, 1, lower.tail = FALSE)))
m5 <- glm.nb(likes ~ log(followers) + offset(log(followers * posts)), data = a)
p17("m5_coef", coef(m5))
p17("m5_se", summary(m5)$coefficients[, 2])
p17("m5_fit", c(nobs(m5), AIC(m5), BIC(m5), as.numeric(logLik(m5)), m5$theta))
