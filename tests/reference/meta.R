# meta.R - expected values for tests/test_meta.c (es_meta_run).
# R version 4.2.2 Patched (2022-11-10 r83330), metafor 3.8.1 (Debian r-cran-metafor).
# Run: Rscript tests/reference/meta.R
# yi = log ratio, sei = (log hi - log lo) / (2 qnorm(0.975)); REML with a tight
# threshold (metafor's default 1e-5 stops Fisher scoring early).
suppressMessages(library(metafor))
sets <- list(
  # heterogeneous: Kim, TIDES TikTok, two more with the same definition
  het = data.frame(r = c(1.27, 2.73, 1.52, 1.08), lo = c(1.15, 2.1, 1.21, 0.91), hi = c(1.39, 3.5, 1.91, 1.28)),
  # homogeneous: Q < k - 1, tau2 = 0
  hom = data.frame(r = c(1.30, 1.25, 1.28), lo = c(1.10, 1.05, 1.12), hi = c(1.54, 1.49, 1.46)),
  # Kim and TIDES alone (the definition rule leaves VN feed per view out)
  pair = data.frame(r = c(1.27, 2.73), lo = c(1.15, 2.1), hi = c(1.39, 3.5)))
for (nm in names(sets)) {
  d <- sets[[nm]]
  yi <- log(d$r); sei <- (log(d$hi) - log(d$lo)) / (2 * qnorm(0.975))
  for (m in c("DL", "REML")) for (t in c("z", "knha")) {
    f <- rma(yi, sei = sei, method = m, test = t, control = list(threshold = 1e-12, maxiter = 10000))
    w <- weights(f)
    cat(sprintf("%s %s %s est %.17g lo %.17g hi %.17g tau2 %.17g i2 %.17g h2 %.17g q %.17g qp %.17g w1 %.17g\n",
                nm, m, t, exp(f$b[1]), exp(f$ci.lb), exp(f$ci.ub), f$tau2, f$I2, f$H2, f$QE, f$QEp, w[1]))
  }
}
