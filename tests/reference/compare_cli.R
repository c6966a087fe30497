# compare_cli.R — reference for the CLI golden cases tests/data/cmp_cli/compare-*.t
# (to be moved to tests/cli/).  R version 4.2.2.  Run from the repository root:
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
