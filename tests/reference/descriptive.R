# descriptive.R — expected values for tests/test_descriptive.c.
# R version 4.2.2 (2022-10-31, Debian build "4.2.2 Patched r83330"); base R only.
# Run from the repository root:  Rscript tests/reference/descriptive.R
# Every number is printed with 17 significant digits (%.17g), so the values in the C
# test are the doubles R computed, to the last bit.
f <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
show <- function(name, x) {
  cat(sprintf("== %s (n = %d)\n", name, length(x)))
  cat("x               =", f(x), "\n")
  cat("mean            =", f(mean(x)), "\n")
  if (length(x) >= 2) cat("sd              =", f(sd(x)), "\n")
  cat("quantile type 7 =", f(quantile(x, c(0, 0.1, 0.25, 0.5, 0.75, 0.9, 1), type = 7, names = FALSE)), "\n")
  cat("median          =", f(median(x)), "\n")
  cat("mean trim 0.1   =", f(mean(x, trim = 0.1)), "\n")
  cat("mean trim 0.25  =", f(mean(x, trim = 0.25)), "\n")
  cat("mean trim 0.5   =", f(mean(x, trim = 0.5)), "\n")
  cat("mad             =", f(mad(x)), "\n")
  cat("IQR             =", f(IQR(x)), "\n")
  if (all(x >= 0)) cat("geo mean        =", f(exp(mean(log(x)))), "\n")
}

# Small, tied, and high-entropy data (the last: lognormal engagement-like rates,
# generated once with set.seed(20261126); round(rlnorm(23, -3.5, 0.9), 9) and kept).
small <- c(3, 1, 4, 1, 5, 9, 2, 6)
tied  <- c(2, 2, 2, 3, 3, 5, 5, 5, 5, 8, 0.5)
set.seed(20261126)
he    <- round(rlnorm(23, -3.5, 0.9), 9)
show("small", small)
show("tied", tied)
show("high-entropy", he)
show("n1", c(0.0421))
show("n2", c(0.013, 0.071))
show("with zero", c(0.02, 0, 0.05))

# Distribution-free median CI (binomial order statistics): l = qbinom((1-conf)/2, n, 1/2),
# u = n + 1 - l, coverage 1 - 2 pbinom(l - 1, n, 1/2).  l = 0 means unattainable.
cat("== median CI orders: n conf l u coverage\n")
for (conf in c(0.95, 0.90, 0.99)) for (n in c(5, 6, 7, 10, 23, 100, 1000, 100000)) {
  l <- qbinom((1 - conf) / 2, n, 0.5)
  u <- n + 1 - l
  cov <- if (l > 0) 1 - 2 * pbinom(l - 1, n, 0.5) else NA
  cat(sprintf("%d %.2f %d %d %.17g\n", n, conf, l, u, cov))
}
cat("== median CI 95% endpoints sort(x)[c(l, u)]\n")
for (nm in c("small", "tied", "he")) {
  x <- get(nm); n <- length(x); l <- qbinom(0.025, n, 0.5)
  cat(nm, ":", f(sort(x)[c(l, n + 1 - l)]), "\n")
}

# Student t CI for the mean: t.test(x, conf.level = conf)$conf.int
cat("== t.test conf.int: 95% then 90%\n")
for (nm in c("small", "tied", "he")) {
  x <- get(nm)
  cat(nm, ":", f(t.test(x)$conf.int), "|", f(t.test(x, conf.level = 0.9)$conf.int), "\n")
}
cat("n2 :", f(t.test(c(0.013, 0.071))$conf.int), "\n")
# SD out of range (tests/test_descriptive.c, test_sd_range): R 4.2.2's sd() gives 0 for
# c(1e-200, 2e-200, 3.5e-200) and Inf for c(1e300, 2e300, 3.5e300) (the squared deviations
# underflow and overflow); the SDs themselves, by exact scaling:
print(c(sd(c(1e-200, 2e-200, 3.5e-200)), sd(c(1e300, 2e300, 3.5e300))))
print(c(sd(c(1, 2, 3.5)) * 1e-200, sd(c(1, 2, 3.5)) * 1e300), digits = 17)
