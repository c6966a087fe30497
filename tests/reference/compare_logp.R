# compare_logp.R — natural-log upper-tail p-values for tests/test_welch.c (test_log_p).
# R version 4.2.2.  Run: Rscript tests/reference/compare_logp.R
p <- function(name, v) cat(sprintf("#define %s %.17g\n", name, v))
p("LOGP_T", pt(40, 1000, lower.tail = FALSE, log.p = TRUE))
p("LOGP_CHISQ", pchisq(2000, 3, lower.tail = FALSE, log.p = TRUE))
p("LOGP_F", pf(5000, 2, 300, lower.tail = FALSE, log.p = TRUE))
p("LOGP_Z", pnorm(40, lower.tail = FALSE, log.p = TRUE))
p("LOGP_T2", pt(3, 10, lower.tail = FALSE, log.p = TRUE))
# Upper tails where gsl_cdf_tdist_Q's large-df expansion loses digits (es_tdist_Q):
p("TQ_30_150", pt(30, 150, lower.tail = FALSE))
p("TQ_12_31", pt(12, 31, lower.tail = FALSE))
p("TQ_M3_60", pt(-3, 60.5, lower.tail = FALSE))
p("TQINV_0025_33", qt(0.025, 33.7, lower.tail = FALSE))
