# compare_effect.R — reference values for the rank effect sizes and exact null
# distribution in tests/test_mann_whitney.c.  R version 4.2.2.  Run from the
# repository root:  Rscript tests/reference/compare_effect.R
# Reads the data sets written by tests/reference/compare_mw.R.
rd <- function(nm) {
  d <- read.table(sprintf("tests/data/cmp_mw_%s.txt", nm), col.names = c("g", "v"))
  list(x = d$v[d$g == "x"], y = d$v[d$g == "y"])
}
p17 <- function(...) cat(sprintf("%.17g", c(...)), "\n")
# Hodges-Lehmann shift = median of all pairwise differences, and two order statistics.
for (nm in c("large", "heavy", "offset")) {
  s <- rd(nm); d <- sort(outer(s$x, s$y, "-"))
  cat(nm, "HL, 1st, 1000th, last diff: "); p17(median(d), d[1], d[1000], d[length(d)])
}
# Cliff's delta (Cliff 1993): dominance matrix d_ij = sign(x_i - y_j); consistent
# variance s^2 = [n2^2 sum(d_i. - d)^2 + n1^2 sum(d_.j - d)^2 - sum(d_ij - d)^2] /
# (n1 n2 (n1-1)(n2-1)), floored at (1 - d^2)/(n1 n2 - 1); asymmetric CI (Cliff 1996,
# eq. 3.8) (d - d^3 -+ z s sqrt((1 - d^2)^2 + z^2 s^2)) / (1 - d^2 + z^2 s^2).
for (nm in c("small", "tied", "heavy")) {
  s <- rd(nm); n1 <- length(s$x); n2 <- length(s$y)
  D <- sign(outer(s$x, s$y, "-")); d <- mean(D)
  v <- (n2^2 * sum((rowMeans(D) - d)^2) + n1^2 * sum((colMeans(D) - d)^2) - sum((D - d)^2)) /
       (n1 * n2 * (n1 - 1) * (n2 - 1))
  v <- max(v, (1 - d^2) / (n1 * n2 - 1)); sd <- sqrt(v); z <- qnorm(0.975)
  lo <- (d - d^3 - z * sd * sqrt((1 - d^2)^2 + z^2 * v)) / (1 - d^2 + z^2 * v)
  hi <- (d - d^3 + z * sd * sqrt((1 - d^2)^2 + z^2 * v)) / (1 - d^2 + z^2 * v)
  auc <- wilcox.test(s$x, s$y)$statistic / (n1 * n2)
  cat(nm, "delta, se, lo, hi, auc: "); p17(d, sd, lo, hi, auc)
}
cat("pwilcox(10, 4, 6) pwilcox(30, 7, 9, lower=FALSE) qwilcox(0.025, 20, 30) qwilcox(0.9, 12, 5): ")
p17(pwilcox(10, 4, 6), pwilcox(30, 7, 9, lower.tail = FALSE), qwilcox(0.025, 20, 30), qwilcox(0.9, 12, 5))
cat("pwilcox(200, 40, 45): "); p17(pwilcox(200, 40, 45))
# Noether (1987) total N = (z_{1-a/2} + z_{power})^2 / (12 c (1-c) (auc - 1/2)^2):
cat("noether(auc=0.6, a=0.05, power=0.8, c=0.5, two-sided), (0.35, 0.01, 0.9, 0.3, one-sided): ")
p17((qnorm(0.975) + qnorm(0.8))^2 / (12 * 0.25 * 0.1^2),
    (qnorm(0.99) + qnorm(0.9))^2 / (12 * 0.3 * 0.7 * 0.15^2))
# Identical groups (tests/test_mann_whitney.c, test_identical): W = 8, p = 1, estimate 0;
# t = 0, p = 1.
x <- c(0.031, 0.052, 0.044, 0.067)
w <- suppressWarnings(wilcox.test(x, x, conf.int = TRUE)); t <- t.test(x, x)
p17(w$statistic, w$p.value, w$estimate, t$statistic, t$p.value)
