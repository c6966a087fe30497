# compare_padjust.R — reference values for tests/test_padjust.c.  R version 4.2.2.
# Run from the repository root: Rscript tests/reference/compare_padjust.R
# Prints C initializers: the input p (NA written as NAN) and p.adjust(p, m) for each
# method, and p.adjust with n = 20 (n larger than the number of p-values).
p <- c(0.01, 0.02, NA, 0.04, 0.04, 0.2, 0.0005, 1, 0.03, NA, 0.3, 1e-300, 0.049)
fmt <- function(v) paste(ifelse(is.na(v), "NAN", sprintf("%.17g", v)), collapse = ", ")
cat("p:", fmt(p), "\n")
for (m in c("holm", "hochberg", "bonferroni", "BH", "BY", "none"))
  cat(m, ":", fmt(p.adjust(p, m)), "\n")
for (m in c("holm", "hochberg", "bonferroni", "BH", "BY"))
  cat(m, "n=20:", fmt(p.adjust(p, m, n = 20)), "\n")
cat("single:", fmt(p.adjust(c(NA, 0.03), "holm")), "\n")
