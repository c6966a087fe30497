# power.R — constants for tests/test_analysis_power.c (es_power_run).  R version 4.2.2.
# Run from the repository root:  Rscript tests/reference/power.R
# Noether (1987, JASA 82:645-647): total N = (z_{1-alpha/2} + z_{power})^2 /
# (12 c (1 - c) (AUC - 1/2)^2) with c = 1/2 (equal allocation); per band ceiling(N / 2).
# The test takes the AUC es_power_run reports and checks n_noether against this formula
# with R's quantiles below.
options(digits = 17)
cat("qnorm(0.975) =", format(qnorm(0.975), digits = 17), "\n")
cat("qnorm(0.95)  =", format(qnorm(0.95), digits = 17), "\n")
cat("qnorm(0.8)   =", format(qnorm(0.8), digits = 17), "\n")
noether <- function(auc, alpha = 0.05, power = 0.8, two.sided = TRUE)
  ceiling((qnorm(1 - alpha / (1 + two.sided)) + qnorm(power))^2 / (12 * 0.25 * (auc - 0.5)^2) / 2)
cat("e.g. AUC 0.629156030865827: n per band", noether(0.629156030865827), "\n")
