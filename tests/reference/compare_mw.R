# compare_mw.R — reference values for tests/test_mann_whitney.c.
# R version 4.2.2 (2022-10-31).  Run from the repository root:
#   Rscript tests/reference/compare_mw.R
# Writes the data sets tests/data/cmp_mw_<set>.txt (lines "x VALUE" / "y VALUE",
# values printed with 17 significant digits, so they read back exactly) and
# tests/data/cmp_mw_expected.csv with wilcox.test(x, y, alternative, exact, correct,
# conf.int = TRUE) statistic, p-value, estimate, conf.int and its conf.level attribute.
# R 4.2.2 uses the normal approximation whenever there are ties (R >= 4.6 does not).
options(warn = -1)
set.seed(20261126)
sets <- list(
  small = list(x = round(rlnorm(8, -3, 0.7), 6), y = round(rlnorm(11, -3.3, 0.8), 6)),
  tied = list(x = sample(1:6, 9, TRUE), y = sample(2:7, 12, TRUE)),
  mid = list(x = rnorm(49, 0.2), y = rnorm(30)),
  unequal = list(x = rexp(3), y = rexp(40) + 0.5),
  large = list(x = rlnorm(300, -3, 0.9), y = rlnorm(250, -3.2, 1)),
  heavy = list(x = round(rlnorm(400, 0, 0.6), 1), y = round(rlnorm(350, 0.1, 0.6), 1)),
  offset = list(x = 1e6 + round(rnorm(60), 3), y = 1e6 + round(rnorm(70, 0.3), 3))
)
f17 <- function(v) sprintf("%.17g", v)
rows <- list()
for (nm in names(sets)) {
  s <- sets[[nm]]
  writeLines(c(paste("x", f17(s$x)), paste("y", f17(s$y))),
             sprintf("tests/data/cmp_mw_%s.txt", nm))
  for (alt in c("two.sided", "less", "greater"))
    for (ex in list(NULL, FALSE))
      for (corr in c(TRUE, FALSE)) {
        w <- wilcox.test(s$x, s$y, alternative = alt, exact = ex, correct = corr, conf.int = TRUE)
        rows[[length(rows) + 1]] <- c(nm, alt, if (is.null(ex)) "auto" else "normal",
          as.integer(corr), f17(w$statistic), f17(w$p.value), f17(w$estimate),
          f17(w$conf.int[1]), f17(w$conf.int[2]), f17(attr(w$conf.int, "conf.level")))
      }
}
out <- do.call(rbind, rows)
colnames(out) <- c("set", "alternative", "exact", "correct", "W", "p_value", "estimate",
                   "ci_low", "ci_high", "conf_level")
write.csv(out, "tests/data/cmp_mw_expected.csv", row.names = FALSE, quote = FALSE)

# Exact conditional p-values with ties by complete enumeration of the C(N, n1)
# partitions of the pooled midranks (the distribution R >= 4.6 uses), for the
# "tiny_tied" set; p two-sided = min(1, 2 min(P(S <= s), P(S >= s))).
tx <- c(1, 2, 2, 3, 5, 5); ty <- c(2, 3, 3, 4, 5, 6, 6, 7)
writeLines(c(paste("x", f17(tx)), paste("y", f17(ty))), "tests/data/cmp_mw_tiny_tied.txt")
r <- rank(c(tx, ty)); s <- sum(r[seq_along(tx)])
S <- combn(length(r), length(tx), function(i) sum(r[i]))
ple <- mean(S <= s + 1e-9); pge <- mean(S >= s - 1e-9)
cat(sprintf("tiny_tied: W = %.17g  P(S<=s) = %.17g  P(S>=s) = %.17g  two-sided = %.17g\n",
            s - length(tx) * (length(tx) + 1) / 2, ple, pge, min(1, 2 * min(ple, pge))))
