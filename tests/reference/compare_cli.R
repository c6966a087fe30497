# compare_cli.R — reference for the CLI golden cases tests/cli/compare-*.t and for
# tests/test_analysis_compare.c (es_compare_run).  R version 4.2.2 (Rscript 4.2.2
# Patched, 2022-11-10 r83330, Debian 12).  Run from the repository root:
#   Rscript tests/reference/compare_cli.R
# Reads tests/data/accounts-r.csv (written by tests/reference/describe.R), computes
# ER = (avg_likes + avg_comments) / followers, hypeauditor bands, and prints, at 12
# significant digits as `engagestat compare ... --digits 12 --format csv` does:
# wilcox.test(micro, mega, conf.int = TRUE) (exact: no ties, n < 50), t.test on log ER,
# kruskal.test, anova(lm(log ER ~ band)) and oneway.test(log ER ~ band).
d <- read.csv("tests/data/accounts-r.csv")
d$er <- (d$avg_likes + d$avg_comments) / d$followers
band <- findInterval(d$followers, c(1e3, 1e4, 5e4, 5e5, 1e6))
d <- d[band >= 1, ]; band <- band[band >= 1]
g <- function(x) formatC(x, digits = 12, format = "g")
micro <- d$er[band == 2]; mega <- d$er[band == 5]
w <- wilcox.test(micro, mega, conf.int = TRUE)
cat("mann_whitney:", g(w$statistic), g(w$p.value), g(w$estimate), g(w$conf.int[1]), g(w$conf.int[2]), "\n")
t <- t.test(log(micro), log(mega))
cat("welch_t:", g(t$statistic), g(t$parameter), g(t$p.value), g(t$estimate[1] - t$estimate[2]),
    g(t$conf.int[1]), g(t$conf.int[2]), "\n")
k <- kruskal.test(d$er, factor(band))
cat("kruskal_wallis:", g(k$statistic), g(k$parameter), g(k$p.value), "\n")
a <- anova(lm(log(d$er) ~ factor(band)))
cat("anova:", g(a[1, "F value"]), g(a[1, "Df"]), g(a[2, "Df"]), g(a[1, "Pr(>F)"]), "\n")
o <- oneway.test(log(d$er) ~ factor(band))
cat("welch_anova:", g(o$statistic), g(o$parameter[1]), g(o$parameter[2]), g(o$p.value), "\n")
# --min-n 10 (the default) leaves macro (7 accounts) out of the omnibus tests:
# the same three tests on nano, micro, mid and mega (tests/cli/compare-omnibus-min-n.t,
# tests/test_analysis_compare.c).
k4 <- band != 4
d4 <- d[k4, ]; b4 <- factor(band[k4])
k <- kruskal.test(d4$er, b4)
cat("kruskal_wallis_min_n:", g(k$statistic), g(k$parameter), g(k$p.value), "\n")
a <- anova(lm(log(d4$er) ~ b4))
cat("anova_min_n:", g(a[1, "F value"]), g(a[1, "Df"]), g(a[2, "Df"]), g(a[1, "Pr(>F)"]), "\n")
o <- oneway.test(log(d4$er) ~ b4)
cat("welch_anova_min_n:", g(o$statistic), g(o$parameter[1]), g(o$parameter[2]), g(o$p.value), "\n")
# Dunn (1964) on the same four bands: z = (Rbar_a - Rbar_b) / sqrt((N(N+1)/12 -
# sum(t^3-t)/(12(N-1))) (1/n_a + 1/n_b)), p = 2 pnorm(-|z|), p.adjust holm over the 6 pairs.
r <- rank(d4$er); tt <- table(d4$er); N <- length(r); lab <- as.integer(b4)
s2 <- N * (N + 1) / 12 - sum(tt^3 - tt) / (12 * (N - 1))
z <- NULL; for (a in 1:3) for (b in (a + 1):4)
  z <- c(z, (mean(r[lab == a]) - mean(r[lab == b])) / sqrt(s2 * (1 / sum(lab == a) + 1 / sum(lab == b))))
p <- 2 * pnorm(-abs(z))
cat("dunn_min_n z:", g(z), "\n"); cat("dunn_min_n p:", g(p), "\n"); cat("dunn_min_n holm:", g(p.adjust(p, "holm")), "\n")
# nano vs macro (7 accounts): the test tests/test_analysis_compare.c gets with min_n 7.
nano <- d$er[band == 1]; macro <- d$er[band == 4]
w <- wilcox.test(nano, macro, conf.int = TRUE)
cat("mann_whitney nano macro:", g(w$statistic), g(w$p.value), g(w$estimate), g(w$conf.int[1]), g(w$conf.int[2]), "\n")
