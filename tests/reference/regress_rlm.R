# regress_rlm.R — expected values for tests/test_rlm.c.
# R version 4.2.2, package MASS.  Run from the repository root:
#   Rscript tests/reference/regress_rlm.R
# Data: tests/data/reg_posts.csv (written by tests/reference/regress_ols.R).
suppressMessages(library(MASS))
d <- read.csv("tests/data/reg_posts.csv")
p17 <- function(name, x) cat(name, "=", paste(formatC(x, digits = 17, format = "g"), collapse = ", "), "\n")
# Huber M-estimation with MAD scale (the defaults of rlm: psi.huber k = 1.345,
# scale.est = "MAD", init = "ls", maxit = 20, acc = 1e-4)
X <- model.matrix(~ log10(followers) + sponsored, d)
f <- rlm(X, log10(d$er))
s <- summary(f)
p17("huber_coef", coef(f))
p17("huber_se", s$coefficients[, 2])
p17("huber_t", s$coefficients[, 3])
p17("huber_scale", f$s)
p17("huber_iter", length(f$conv))
p17("huber_w_1_5", f$w[1:5])
# The same with an outlier planted in row 7 (y + 3), where Huber matters
y2 <- log10(d$er); y2[7] <- y2[7] + 3
f2 <- rlm(X, y2)
s2 <- summary(f2)
p17("out_coef", coef(f2))
p17("out_se", s2$coefficients[, 2])
p17("out_scale", f2$s)
p17("out_w7", f2$w[7])
p17("out_lm_coef", coef(lm(y2 ~ X - 1)))
