# compare_perm.R — exact permutation p-values for tests/test_permutation.c, by
# complete enumeration of the C(n1+n2, n1) partitions with combn.  R version 4.2.2.
# Run: Rscript tests/reference/compare_perm.R
# Statistic: median(x) - median(y) (type 7, R's median) or mean(x) - mean(y); one-sided
# p = share of partitions with statistic <= (>=) the observed one, within 100 eps |obs|;
# two-sided = min(1, 2 min(p_less, p_greater)).
perm <- function(x, y, f) {
  z <- c(x, y); n1 <- length(x); obs <- f(x) - f(y); tol <- 100 * .Machine$double.eps * abs(obs)
  s <- combn(length(z), n1, function(i) f(z[i]) - f(z[-i]))
  pl <- mean(s <= obs + tol); pg <- mean(s >= obs - tol)
  cat(sprintf("obs %.17g  p_less %.17g  p_greater %.17g  two-sided %.17g  (partitions %d)\n",
              obs, pl, pg, min(1, 2 * min(pl, pg)), length(s)))
}
x <- c(0.031, 0.052, 0.044, 0.067, 0.029, 0.081, 0.049)
y <- c(0.021, 0.033, 0.018, 0.040, 0.027, 0.025, 0.036, 0.030)
cat("A median: "); perm(x, y, median)
cat("A mean:   "); perm(x, y, mean)
x2 <- c(3, 1, 4, 1, 5, 9, 2, 6); y2 <- c(5, 3, 5, 8, 9, 7, 9, 3)
cat("B median: "); perm(x2, y2, median)
