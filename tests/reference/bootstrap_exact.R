# bootstrap_exact.R — the exact bootstrap law of the median by brute force, for
# tests/test_bootstrap.c (test "median draw: exact bootstrap law").
# R version 4.2.2 (Debian "4.2.2 Patched r83330"), base R only.
# Run from the repository root:  Rscript tests/reference/bootstrap_exact.R
# Every one of the n^n equally likely resamples of x is enumerated and its median
# (R's median: the mean of the two middle values for even n) tabulated: no formula
# involved, so it checks the binomial-sum law (Efron 1982, ch. 10) the test computes.
exact_law <- function(x) {
  n <- length(x)
  idx <- as.matrix(expand.grid(rep(list(seq_len(n)), n)))
  med <- apply(idx, 1, function(i) median(x[i]))
  tab <- table(med) / nrow(idx)
  data.frame(value = as.numeric(names(tab)), prob = as.numeric(tab))
}
for (x in list(c(0.3, 0.1, 0.7, 0.2, 0.5), c(0.3, 0.1, 0.7, 0.2, 0.5, 0.9),
               c(1, 1, 2, 5, 5, 5))) {
  cat("x =", x, "\n")
  law <- exact_law(x)
  cat(sprintf("  P(median* = %.17g) = %.17g\n", law$value, law$prob), sep = "")
}
