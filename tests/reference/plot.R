# plot.R - reference values for tests/test_plot.c (the figure data of `engagestat plot`).
# R version 4.2.2.  Run from the repository root:  Rscript tests/reference/plot.R
# It writes the test input tests/data/plot-units.tsv (seeded, so rerunning reproduces
# it byte for byte) and prints the expected values the C test quotes.
options(digits = 17)
set.seed(20261126)
n <- 80
followers <- round(10^runif(n, 3, 6.7))
niche <- sample(c("food", "travel", "beauty"), n, replace = TRUE)
er <- signif(exp(log(0.05) - 0.25 * log(followers / 1e3) + rnorm(n, 0, 0.6)), 6)
er[c(3, 17)] <- 0
write.table(data.frame(followers = followers, er = er, niche = niche),
            "tests/data/plot-units.tsv", sep = "\t", quote = FALSE, row.names = FALSE)

# Bands: the hypeauditor preset (nano 1k, micro 10k, mid 50k, macro 500k, mega 1M).
edges <- c(1e3, 1e4, 5e4, 5e5, 1e6)
band <- findInterval(followers, edges)   # 1..5
conf <- 0.95

# Median and its distribution-free CI from binomial order statistics (Conover 1999):
# k = qbinom(alpha/2, n, 1/2), interval [x(k), x(n-k+1)].
median_ci <- function(x, conf = 0.95) {
  x <- sort(x); n <- length(x); k <- qbinom((1 - conf) / 2, n, 0.5)
  if (k == 0) return(c(NA, NA))
  c(x[k], x[n - k + 1])
}
cat("## per band: band n median(type 7) ci_low ci_high\n")
for (b in 1:5) {
  x <- er[band == b]
  ci <- median_ci(x)
  cat(b - 1, length(x), format(quantile(x, 0.5, type = 7, names = FALSE), digits = 17),
      format(ci, digits = 17), "\n")
}

# OLS of log10 ER on log10 followers over units with ER > 0.
pos <- er > 0
fit <- lm(log10(er[pos]) ~ log10(followers[pos]))
cat("## OLS intercept slope:", format(coef(fit), digits = 17), "\n")
cat("## OLS slope CI:", format(confint(fit, level = conf)[2, ], digits = 17), "\n")

# Lognormal MLE (MASS::fitdistr gives the same closed form) and gamma MLE solved from
# the score equation log(k) - digamma(k) = log(mean) - mean(log x) by uniroot.
gamma_mle <- function(x) {
  s <- log(mean(x)) - mean(log(x))
  k <- uniroot(function(k) log(k) - digamma(k) - s, c(1e-3, 1e3), tol = 1e-15)$root
  c(k, k / mean(x))
}
cat("## per band: band meanlog sdlog_pop gamma_shape gamma_rate (ER > 0)\n")
for (b in 1:5) {
  x <- er[band == b & er > 0]
  ml <- MASS::fitdistr(x, "lognormal")$estimate
  cat(b - 1, format(c(ml, gamma_mle(x)), digits = 17), "\n")
}

# Continuous power law with xmin by minimum KS distance (Clauset et al. 2009), scanning
# the first position of every distinct value that leaves at least 10 values in the tail.
pl <- function(x, min_tail) {
  x <- sort(x); n <- length(x); best <- Inf; res <- NULL
  for (i in 1:(n - min_tail + 1)) {
    if (i > 1 && x[i] == x[i - 1]) next
    t <- x[i:n]; m <- length(t)
    a <- 1 + m / sum(log(t / x[i]))
    f <- 1 - (t / x[i])^(1 - a)
    d <- max(abs(f - (0:(m - 1)) / m), abs((1:m) / m - f))
    if (d < best) { best <- d; res <- c(a, x[i], m, d) }
  }
  res
}
cat("## power law (min_tail 10): alpha xmin n_tail ks:", format(pl(followers, 10), digits = 17), "\n")
