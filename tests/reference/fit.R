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
#   * se = sqrt(diag(solve(optimHess(est, negloglik)))) (observed information, numeric);
#   * ks, cvm, ad = fitdistrplus::gofstat(f) with f$estimate set to the exact MLE.
# Beta data with exact 0/1 are squeezed first: y = (y (n-1) + 0.5) / n (Smithson &
# Verkuilen 2006).
suppressMessages({library(fitdistrplus); library(MASS)})
files <- c("lnorm", "gamma", "weibull", "beta", "beta01", "followers", "beta_big")
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
        s <- log(mean(y)) - mean(log(y))
        a <- uniroot(function(a) log(a) - digamma(a) - s, c(1e-3, 1e4), tol = 1e-15)$root
        c(a, a / mean(y))
      },
      weibull = {
        ly <- log(y / max(y))
        h <- function(k) sum(exp(k * ly) * ly) / sum(exp(k * ly)) - 1 / k - mean(ly)
        k <- uniroot(h, c(1e-3, 1e3), tol = 1e-15)$root
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
    se <- sqrt(diag(solve(H)))
    # fitdistrplus fails on follower counts (gamma rate ~1e-6, "error code 100"); as its
    # help page advises, fit y / sc then: the EDF statistics are invariant to scale.
    sc <- if (f == "followers") 1e6 else 1
    fd <- fitdist(y / sc, d)
    cat(sprintf("%-9s %-7s exact loglik %.12g  fitdist loglik %.12g  est %s  fitdist %s\n", f, d, ll,
                fd$loglik - n * log(sc), paste(signif(est, 10), collapse = " "), paste(signif(fd$estimate, 10), collapse = " ")))
    if (d %in% c("lnorm", "gamma", "weibull", "exp") && f != "followers") {
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
