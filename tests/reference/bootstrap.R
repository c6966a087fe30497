# bootstrap.R — reference replicates and intervals for tests/test_bootstrap.c.
# R version 4.2.2 (Debian "4.2.2 Patched r83330") with boot 1.3-28.1.
# Run from the repository root:  Rscript tests/reference/bootstrap.R
# Writes tests/data/boot_mean.txt, boot_median.txt and boot_sd90.txt.  Each file holds
# records "KEY COUNT v1 ... vCOUNT" (whitespace separated, values as %.17g, so the
# doubles round-trip exactly): x (data), t0, t (replicates), L (jackknife influence
# values, empinf(type = "jack")), conf, perc (boot.ci percentile endpoints), bca
# (boot.ci BCa endpoints, which count replicates equal to t0 as 0 below) and bca_half
# (the same BCa formula with ties at t0 counted 1/2, Efron's convention and ours).
library(boot)

bca_half <- function(t0, t, L, conf) {
  # boot:::bca.ci with w from the proportion below t0 counting ties as one half.
  t <- t[is.finite(t)]
  w <- qnorm((sum(t < t0) + 0.5 * sum(t == t0)) / length(t))
  alpha <- (1 + c(-conf, conf)) / 2
  zalpha <- qnorm(alpha)
  a <- sum(L^3) / (6 * sum(L^2)^1.5)
  adj.alpha <- pnorm(w + (w + zalpha) / (1 - a * (w + zalpha)))
  boot:::norm.inter(t, adj.alpha)[, 2]
}

put <- function(con, key, v) {
  cat(key, length(v), sprintf("%.17g", v), "\n", file = con, sep = " ")
}

write_case <- function(file, x, stat, R, conf, seed) {
  set.seed(seed)
  b <- boot(x, function(d, i) stat(d[i]), R = R)
  L <- empinf(b, type = "jack")
  ci <- boot.ci(b, conf = conf, type = c("perc", "bca"), L = L)
  con <- file(file, "w")
  cat("# written by tests/reference/bootstrap.R (R 4.2.2, boot 1.3-28.1)\n", file = con)
  put(con, "x", x)
  put(con, "conf", conf)
  put(con, "t0", b$t0)
  put(con, "t", b$t[, 1])
  put(con, "L", L)
  put(con, "perc", ci$percent[4:5])
  put(con, "bca", ci$bca[4:5])
  put(con, "bca_half", bca_half(b$t0, b$t[, 1], L, conf))
  put(con, "ties_at_t0", sum(b$t[, 1] == b$t0))
  close(con)
  cat(file, ": t0", b$t0, " perc", ci$percent[4:5], " bca", ci$bca[4:5],
      " ties", sum(b$t[, 1] == b$t0), "\n")
}

set.seed(20261126)
x1 <- rlnorm(40, -3.5, 0.9)                      # engagement-like, high entropy
write_case("tests/data/boot_mean.txt", x1, mean, 1999, 0.95, 1)
x2 <- round(rlnorm(25, -3.5, 0.9), 3)            # rounded: many replicate medians = t0
write_case("tests/data/boot_median.txt", x2, median, 1999, 0.95, 2)
x3 <- rgamma(30, shape = 2, rate = 50)
write_case("tests/data/boot_sd90.txt", x3, sd, 999, 0.90, 3)
