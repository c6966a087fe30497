# simulate_truth.R — an independent computation (R 4.2.2, base R only) of the true band
# medians of the account engagement rate that src/sim/simulate.c (es_sim_median_er) computes,
# for the parameter set of tests/test_simulate.c (es_recovery_params on top of the
# built-in defaults; docs/simulate-params.md gives the model).
# Run: Rscript tests/reference/simulate_truth.R
#
# P(ER <= m | F in [lo, hi)) = sum_n sum_p w_n w_p int f_d(x) pnorm((log m - mu_np(x)) / sd) dx
#                              / P_d[lo, hi),
# with f_d the design density of followers (lognormal body truncated to [1000, 180000),
# Pareto tail above, density times 10 above 500000, renormalised; draws clamped at 5e8).
# The integral is over y = log x, split at the density's kinks; uniroot finds the median.
p <- list(fmin = 1000, mu = 9.39, s = 2.11, tmin = 180000, tp = 0.1, al = 0.9, fmax = 5e8,
          oa = 5e5, of = 10, base = 0.045, ref = 1e4, beta = -0.2, sd = 0.6,
          K = 1 - 0.005 + 0.005 * 0.82)
niches <- data.frame(w = c(0.5, 0.3, 0.2), e = c(1, 0.7, 1.5))
plat <- data.frame(w = c(0.75, 0.25), e = c(1, 1.8))
a <- (log(p$fmin) - p$mu) / p$s
b <- (log(p$tmin) - p$mu) / p$s
mass <- pnorm(b) - pnorm(a)
pop_surv <- function(x) {
  if (x <= p$fmin) return(1)
  if (x >= p$tmin) return(p$tp * (x / p$tmin)^(-p$al))
  p$tp + (1 - p$tp) * (pnorm(b) - pnorm((log(x) - p$mu) / p$s)) / mass
}
pop_pdf <- function(x) ifelse(x < p$fmin, 0,
  ifelse(x >= p$tmin, p$tp * p$al / p$tmin * (x / p$tmin)^(-p$al - 1),
         (1 - p$tp) * dnorm((log(x) - p$mu) / p$s) / (p$s * x) / mass))
so <- pop_surv(p$oa)
Z <- 1 - so + p$of * so
des_pdf <- function(x) pop_pdf(x) * ifelse(x >= p$oa, p$of, 1) / Z
des_surv <- function(x) if (x >= p$oa) p$of * pop_surv(x) / Z else (p$of * so + pop_surv(x) - so) / Z
cdf_at <- function(x, logm, ni, pj) {
  s <- 0
  for (i in ni) for (j in pj) {
    wi <- if (length(ni) > 1) niches$w[i] else 1
    wj <- if (length(pj) > 1) plat$w[j] else 1
    mu <- log(p$base * p$K) + p$beta * log(x / p$ref) + log(niches$e[i]) + log(plat$e[j])
    s <- s + wi * wj * pnorm((logm - mu) / p$sd)
  }
  s
}
G <- function(logm, lo, hi, ni, pj) {
  top <- min(hi, p$fmax)
  cuts <- sort(unique(c(lo, top, p$tmin, p$oa)))
  cuts <- cuts[cuts >= lo & cuts <= top]
  tot <- 0
  for (k in seq_len(length(cuts) - 1))
    tot <- tot + integrate(function(y) des_pdf(exp(y)) * exp(y) * cdf_at(exp(y), logm, ni, pj),
                           log(cuts[k]), log(cuts[k + 1]), rel.tol = 1e-12)$value
  if (hi > p$fmax) tot <- tot + des_surv(p$fmax) * cdf_at(p$fmax, logm, ni, pj)
  tot / (des_surv(lo) - (if (hi > p$fmax) 0 else des_surv(hi)))
}
med <- function(lo, hi, ni = 1:3, pj = 1:2)
  exp(uniroot(function(l) G(l, lo, hi, ni, pj) - 0.5, c(-12, 2), tol = 1e-14)$root)
edges <- c(1e3, 1e4, 5e4, 5e5, 1e6, Inf)
names <- c("nano", "micro", "mid", "macro", "mega")
options(digits = 17)
for (k in 1:5) cat(sprintf("%s median_er %.17g\n", names[k], med(edges[k], edges[k + 1])))
cat(sprintf("micro niche c median_er %.17g\n", med(1e4, 5e4, ni = 3)))
cat(sprintf("mega platform tiktok median_er %.17g\n", med(1e6, Inf, pj = 2)))
cat(sprintf("design share macro %.17g\n", des_surv(5e5) - des_surv(1e6)))
