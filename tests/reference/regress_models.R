# regress_models.R — expected values for tests/test_models.c (es_models_run, the
# models side by side) on tests/data/engagestat-sim-v1.csv.gz (the bundled dataset before
# issue 14, kept for this test), account units.
# R version 4.2.2 Patched (2022-11-10 r83330), sandwich 3.0-2, MASS 7.3-58.2.  Run from the repository root:
#   Rscript tests/reference/regress_models.R
# Account units as es_units_build makes them (docs/design.md): one per (platform,
# account_id); ER = median over the account's posts of (likes + comments) / followers;
# followers = median over its posts; niche = its first post's; zero-ER accounts are left
# out of the log models.  Factors use the most frequent level as reference, as
# es_design does (fashion, instagram).
suppressMessages({library(sandwich); library(MASS)})
p17 <- function(name, x) cat(name, "=", paste(formatC(x, digits = 17, format = "g"), collapse = ", "), "\n")
d <- read.csv(gzfile("tests/data/engagestat-sim-v1.csv.gz"))
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
# The micro/mega contrast implied by (1) and (2) at the two bands' median followers (all
# accounts of the band, zero ER included, as es_regress_run), HC3 t intervals, and the
# direct ratio of the bands' median ERs (the point estimate; its bootstrap interval is
# engagestat's own generator).
band <- cut(a$followers, c(1e3, 1e4, 5e4, 5e5, 1e6, Inf), right = FALSE,
            labels = c("nano", "micro", "mid", "macro", "mega"))
fm <- c(median(a$followers[band == "micro"]), median(a$followers[band == "mega"]))
for (k in 1:2) {
  m <- list(m1, m2)[[k]]
  cvec <- c(0, diff(rev(log10(fm))), diff(rev(log10(fm)^2)))[seq_along(coef(m))]
  dl <- sum(cvec * coef(m)); se <- sqrt(drop(t(cvec) %*% vcovHC(m, type = "HC3") %*% cvec))
  q <- qt(0.975, df.residual(m))
  p17(sprintf("m%d_ratio", k), 10^c(dl, dl - q * se, dl + q * se))
}
p17("direct_ratio", median(a$er[band == "micro"]) / median(a$er[band == "mega"]))
# Output (R 4.2.2 Patched r83330, sandwich 3.0-2, MASS 7.3-58.2):
#   accounts = 50000  zero ER = 3
#   m1_coef = -0.88243415988371232, -0.13775525619707674
#   m1_se_hc3 = 0.010899502258155554, 0.002501077601512428
#   m1_fit =              49997, 0.056457291115872485, 0.056438418374420762, 56316.226719162121, 56342.685874009949, -28155.113359581061
#   m2_coef = -0.95484309687685986, -0.1046542035576207, -0.0036666477098424889
#   m2_se_hc3 = 0.045692842878881895, 0.020348976907340159, 0.0022262876241691465
#   m2_fit =              49997, 0.056505527618015576, 0.056467783309803399, 56315.670669475214, 56350.949542605653, -28153.835334737607
#   m3_coef = -0.90807891377561389, -0.11294810986105504, -0.0027591508509383143
#   m3_se_hc3 = 0.042948120561830942, 0.019106030753130426, 0.0020903269764266817
#   m3_fit =              49997, 0.18562514322651538, 0.18542963069688023, 48977.625470946165, 49101.101526902705, -24474.812735473082
#   lr_quadratic = 2.5560496869074996, 0.10987281741661344
#   m5_coef = -1.568466592802239, -0.1413437128965101
#   m5_se = 0.023604958354350624, 0.0023608088721824216
#   m5_fit =              50000, 830242.94537268882, 830269.40470754204, -415118.47268634441, 1.1916716932647484
#   m1_ratio = 1.8871569300120123, 1.8449863095558927, 1.9302914390457566
#   m2_ratio = 1.9400740784660233, 1.8655243843573108, 2.0176029118121019
#   direct_ratio = 2.0007822394634323
