# compare_issue16.R — reference values for the issue-16 fixes (R version 4.2.2).
# Run from the repository root:  Rscript tests/reference/compare_issue16.R
# Data: tests/data/h16-bands.csv (ER = (likes + comments) / followers).
d <- read.csv("tests/data/h16-bands.csv"); d$er <- (d$likes + d$comments) / d$followers
# 1. Cliff's delta at complete separation (lo below hi): the consistent interval of
#    Cliff (1996, eq. 3.8) with the same formulas as compare_effect.R is 0/0.
x <- d$er[d$tier == "lo"]; y <- d$er[d$tier == "hi"]; n1 <- length(x); n2 <- length(y)
D <- sign(outer(x, y, "-")); dl <- mean(D)
v <- (n2^2 * sum((rowMeans(D) - dl)^2) + n1^2 * sum((colMeans(D) - dl)^2) - sum((D - dl)^2)) /
     (n1 * n2 * (n1 - 1) * (n2 - 1))
v <- max(v, (1 - dl^2) / (n1 * n2 - 1)); sd <- sqrt(v); z <- qnorm(0.975)
lo <- (dl - dl^3 - z * sd * sqrt((1 - dl^2)^2 + z^2 * v)) / (1 - dl^2 + z^2 * v)
hi <- (dl - dl^3 + z * sd * sqrt((1 - dl^2)^2 + z^2 * v)) / (1 - dl^2 + z^2 * v)
cat("delta, se, lo, hi:", dl, sd, lo, hi, "\n")
# delta, se, lo, hi: -1 0 NaN NaN
# 2. Fits on constant data (tests/data/h16-const.csv: five values 0.05).  R 4.2.2, MASS.
library(MASS)
x <- read.csv("tests/data/h16-const.csv")$v
cat("var:", var(x), "\n")                                  # var: 0  (no spread)
f <- fitdistr(x, "exponential"); cat(sprintf("%.15g", c(f$estimate, f$loglik)), "\n")
# 20 9.97866136776995   (the exponential MLE exists: rate = 1/mean)
print(fitdistr(x, "lognormal")$estimate)                  # sdlog = 0: degenerate, no density
for (d in c("gamma", "weibull")) print(inherits(try(fitdistr(x, d), silent = TRUE), "try-error"))
# TRUE TRUE  (optim: non-finite value, start shape = Inf); beta: var 0 has no moment start either
# 3. Welch ANOVA on log ER leaves out a band with one positive value (tests/data/h16-welch.csv:
#    band one has ER 0.05 and 0; the zero is left out of the log scale).
w <- read.csv("tests/data/h16-welch.csv"); w$er <- (w$likes + w$comments) / w$followers
w <- w[w$er > 0 & w$tier != "one", ]
print(unlist(oneway.test(log(er) ~ tier, data = w)[c("statistic", "parameter", "p.value")]), digits = 12)
#      statistic.F   parameter.num df parameter.denom df            p.value
# 12.0517722345730    2.0000000000000    5.3240034970001    0.0105541142372
# 4. All values tied (tests/data/h16-bands.csv, bands tied and tied2: six values 0.06):
#    R's interval stops with an error for every alternative, so no bound exists.
x <- rep(0.06, 3)
for (a in c("two.sided", "greater", "less"))
  cat(a, inherits(try(suppressWarnings(wilcox.test(x, x, conf.int = TRUE, alternative = a)),
                      silent = TRUE), "try-error"), "\n")
# two.sided TRUE
# greater TRUE
# less TRUE
# 5. Numbers (tests/data/h16-numbers.csv).  R reads 1e-400 as 0 silently and 1e400 as Inf;
#    engagestat rejects both rows ("number out of range").  4e-320 is a subnormal double,
#    kept by both.
#    -0 is 0: as.numeric("-0") == 0 is TRUE (R keeps the sign bit, 1/-0 = -Inf, but prints 0);
#    engagestat stores it as +0.
print(as.numeric(c("1e-400", "4e-320", "1e400", "-0")))
# [1]  0.000000e+00 3.999955e-320           Inf  0.000000e+00
print(as.numeric("-0") == 0)
# [1] TRUE
