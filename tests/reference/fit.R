# fit.R — expected values for tests/test_fit.c, written to tests/data/fit_expected.csv.
# R version 4.2.2 (2022-10-31), fitdistrplus 1.1-8, MASS 7.3-58.  Run from the repository
# root:   Rscript tests/reference/fit.R
# For every data file and distribution:
#   * the MLE, solved to full precision: closed form (lnorm, exp); uniroot() on the
#     profile equation (gamma: log a - digamma(a) = s; Weibull: the shape equation);
#     beta: fitdist(x, "beta") polished by optim(BFGS) with the analytic score.  Each is
#     checked against fitdistrplus::fitdist() and MASS::fitdistr() (printed below: the
#     default Nelder-Mead/BFGS stops ~1e-5 early, so its loglik is <= ours);
#   * loglik = sum(d<dist>(x, est, log = TRUE)); aic = 2k - 2 loglik; bic = k log n - 2 loglik;
#   * se = sqrt(diag(solve(H))), H the central-difference Hessian of -loglik (observed
#     information, numeric); gamma: the inverse information in closed form (see below);
#   * ks, cvm, ad = fitdistrplus::gofstat(f) with f$estimate set to the exact MLE.
# Beta data with exact 0/1 are squeezed first: y = (y (n-1) + 0.5) / n (Smithson &
# Verkuilen 2006).
suppressMessages({library(fitdistrplus); library(MASS)})
files <- c("lnorm", "gamma", "weibull", "beta", "beta01", "followers", "beta_big", "tiny", "huge", "nearconst")
out <- NULL
negll <- function(d, x) function(p) {
  -sum(switch(d, lnorm = dlnorm(x, p[1], p[2], log = TRUE), gamma = dgamma(x, p[1], p[2], log = TRUE),
             weibull = dweibull(x, p[1], p[2], log = TRUE), beta = dbeta(x, p[1], p[2], log = TRUE),
             exp = dexp(x, p[1], log = TRUE)))
}
# Central-difference Hessian with relative steps h_i = 1e-4 |p_i| (error ~1e-7).
fdhess <- function(p, fn) {
  k <- length(p); h <- 1e-4 * abs(p); H <- matrix(0, k, k)
  for (i in 1:k) for (j in 1:k) {
    ei <- replace(numeric(k), i, h[i]); ej <- replace(numeric(k), j, h[j])
    H[i, j] <- (fn(p + ei + ej) - fn(p + ei - ej) - fn(p - ei + ej) + fn(p - ei - ej)) / (4 * h[i] * h[j])
  }
  H
}
for (f in files) {
  x <- scan(file.path("tests/data", paste0("fit_", f, ".txt")), quiet = TRUE)
  n <- length(x)
  dists <- if (grepl("beta", f)) c("lnorm", "gamma", "weibull", "beta", "exp") else c("lnorm", "gamma", "weibull", "exp")
  if (f %in% c("beta01", "beta_big")) dists <- "beta"
  for (d in dists) {
    y <- x
    if (d == "beta" && any(x == 0 | x == 1)) y <- (x * (n - 1) + 0.5) / n
    est <- switch(d,
      lnorm = c(mean(log(y)), sqrt(mean((log(y) - mean(log(y)))^2))),
      exp = 1 / mean(y),
      gamma = {
        u <- y / mean(y) - 1
        s <- -mean(log1p(u) - u)   # = log(mean) - mean(log), without the cancellation
        stopifnot(f == "nearconst" || abs(s / (log(mean(y)) - mean(log(y))) - 1) < 1e-9)
        # log a - digamma(a) cancels for huge shapes: there use its asymptotic series
        # (Abramowitz & Stegun 6.3.18, 6 terms, error < 1e-16 for a >= 15).
        g <- function(a) if (a < 15) log(a) - digamma(a) else
          1/(2*a) + 1/(12*a^2) - 1/(120*a^4) + 1/(252*a^6) - 1/(240*a^8) + 1/(132*a^10)
        a <- uniroot(function(a) g(a) - s, c(1e-3, 1e12), tol = 1e-15)$root
        c(a, a / mean(y))
      },
      weibull = {
        ly <- log(y / max(y))
        h <- function(k) sum(exp(k * ly) * ly) / sum(exp(k * ly)) - 1 / k - mean(ly)
        k <- uniroot(h, c(1e-3, 1e7), tol = 1e-15)$root
        c(k, max(y) * mean(exp(k * ly))^(1 / k))
      },
      beta = {
        f0 <- fitdist(y, "beta", control = list(reltol = 1e-15, maxit = 1e5))$estimate
        l1 <- mean(log(y)); l2 <- mean(log1p(-y))
        gr <- function(p) -length(y) * c(digamma(p[1] + p[2]) - digamma(p[1]) + l1,
                                         digamma(p[1] + p[2]) - digamma(p[2]) + l2)
        o <- optim(f0, negll("beta", y), gr, method = "BFGS",
                   control = list(reltol = 1e-16, maxit = 1e4, parscale = f0))
        p <- unname(o$par)
        for (it in 1:20) {   # Newton polish with trigamma: score -> 0
          t1 <- trigamma(p[1] + p[2])
          H <- length(y) * matrix(c(trigamma(p[1]) - t1, -t1, -t1, trigamma(p[2]) - t1), 2)
          p <- p - solve(H, gr(p))
        }
        cat(sprintf("  beta %s: |score| = %.3g\n", f, sqrt(sum(gr(p)^2))))
        p
      })
    k <- length(est)
    ll <- -negll(d, y)(est)
    H <- fdhess(est, negll(d, y))
    D <- diag(abs(est), k)   # invert in relative units: H spans 30 orders of magnitude
    se <- sqrt(diag(D %*% solve(D %*% H %*% D) %*% D))
    if (d == "gamma") {
      # Gamma: the inverse information in closed form, var(a) = a / (n (a psi1(a) - 1)),
      # var(b) = b^2 psi1(a) / (n (a psi1(a) - 1)), with a psi1(a) - 1 by its series for
      # a >= 15 (A&S 6.4.12): the finite-difference Hessian is useless when corr(a, b) ~ 1
      # (nearconst: shape 8e9).  Elsewhere the two agree to ~1e-7 (printed).
      a <- est[1]; b <- est[2]
      m1 <- if (a < 15) a * trigamma(a) - 1 else
        1/(2*a) + 1/(6*a^2) - 1/(30*a^4) + 1/(42*a^6) - 1/(30*a^8)
      se_an <- sqrt(c(a / (n * m1), b^2 * trigamma(a) / (n * m1)))
      cat(sprintf("          gamma SE: analytic vs finite-difference rel. diff %.2g\n", max(abs(se_an / se - 1))))
      se <- se_an
    }
    # fitdistrplus fails on follower counts (gamma rate ~1e-6, "error code 100"); as its
    # help page advises, fit y / sc then: the EDF statistics are invariant to scale.
    sc <- switch(f, followers = 1e6, huge = 1e9, tiny = 1e-9, 1)
    fd <- tryCatch(fitdist(y / sc, d), error = function(e) NULL)
    if (is.null(fd)) {   # fitdist fails outright (nearconst gamma/Weibull): no gofstat row
      cat(sprintf("%-9s %-7s exact loglik %.12g  fitdist FAILED\n", f, d, ll))
      out <- rbind(out, data.frame(data = f, dist = d, n = n, par1 = est[1], par2 = if (k > 1) est[2] else NA,
                                   se1 = se[1], se2 = if (k > 1) se[2] else NA, loglik = ll,
                                   aic = 2 * k - 2 * ll, bic = k * log(n) - 2 * ll, ks = NA, cvm = NA, ad = NA))
      next
    }
    cat(sprintf("%-9s %-7s exact loglik %.12g  fitdist loglik %.12g  est %s  fitdist %s\n", f, d, ll,
                fd$loglik - n * log(sc), paste(signif(est, 10), collapse = " "), paste(signif(fd$estimate, 10), collapse = " ")))
    if (d %in% c("lnorm", "gamma", "weibull", "exp") && f %in% c("lnorm", "gamma", "weibull", "beta")) {
      md <- switch(d, lnorm = "lognormal", gamma = "gamma", weibull = "weibull", exp = "exponential")
      mf <- tryCatch(fitdistr(y, md), error = function(e) NULL)
      if (!is.null(mf)) cat(sprintf("          MASS::fitdistr loglik %.12g\n", mf$loglik))
    }
    fd$estimate[] <- switch(d, lnorm = c(est[1] - log(sc), est[2]), gamma = c(est[1], est[2] * sc),
                            weibull = c(est[1], est[2] / sc), exp = est * sc, beta = est)
    g <- gofstat(fd)
    out <- rbind(out, data.frame(data = f, dist = d, n = n, par1 = est[1], par2 = if (k > 1) est[2] else NA,
                                 se1 = se[1], se2 = if (k > 1) se[2] else NA, loglik = ll,
                                 aic = 2 * k - 2 * ll, bic = k * log(n) - 2 * ll,
                                 ks = g$ks, cvm = g$cvm, ad = g$ad))
  }
}
con <- file("tests/data/fit_expected.csv", "w")
writeLines("# produced by: Rscript tests/reference/fit.R (R 4.2.2, fitdistrplus, MASS)", con)
write.csv(format(out, digits = 17), con, row.names = FALSE, quote = FALSE)
close(con)

# Point values of the distribution functions used in test_density (printed, copied into
# tests/test_fit.c with 15 digits):
print(c(plnorm(0.05, -3, 1), pgamma(0.05, 1.5, 30, lower.tail = FALSE), dweibull(0.05, 1.5, 0.04),
        pbeta(0.1, 2, 20), dexp(0.05, 1.5), plnorm(1e-6, -3, 1, log.p = TRUE),
        pgamma(0.9, 1.5, 30, lower.tail = FALSE, log.p = TRUE)), digits = 15)
# Gamma CDF for huge shapes (Temme's expansion in src/fit/fit.c; GSL is inaccurate there):
print(c(pgamma(1000.0115716871792, 8398721814.2675009, 8398722.0164947938), pgamma(1.999e6, 2e6, 1),
        pgamma(1.99e6, 2e6, 1), pgamma(2.02e6, 2e6, 1, lower.tail = FALSE), pgamma(120001, 1.2e5, 1)),
      digits = 15)
# Constant data have no gamma MLE (tests/test_fit.c, test_errors): s = log(mean) - mean(log)
# is exactly 0 for 282 copies of 0.043553 (R 4.2.2: 0), so log(a) - digamma(a) = s has no root.
x <- rep(0.043553, 282)
print(log(mean(x)) - mean(log(x)))
# Gamma MLE on values spanning 1e-202 to 0.087 (tests/test_fit.c, test_errors, "spanning"):
# the profile equation log(a) - digamma(a) = log(mean(x)) - mean(log(x)) by uniroot, then
# MASS::fitdistr started there.  R 4.2.2: shape 6.8697075967256577e-03,
# rate 2.1766399136438827e-01, loglik 1.8020639966792755e+03.
x <- c(0.02059096331325074, 0.08679554691069323, 0.028252876293939477, 0.05227899638410274,
       9.014502834970914e-202, 0.022954345434053742, 2.689277382727129e-202, 0.08033967273390752,
       0.04953178400387185, 0.03289031356544228, 7.320507619350377e-202, 0.036659359327935556,
       7.1901390877927e-201)
s <- log(mean(x)) - mean(log(x))
a <- exp(uniroot(function(t) t - digamma(exp(t)) - s, c(-40, 40), tol = 1e-15)$root)
print(c(a, a / mean(x), sum(dgamma(x, a, a / mean(x), log = TRUE))), digits = 17)
print(MASS::fitdistr(x, "gamma", start = list(shape = a, rate = a / mean(x)), lower = 1e-10)$estimate, digits = 17)
