# compare_groups.R — reference values for tests/test_welch.c and tests/test_kruskal.c.
# R version 4.2.2 (2022-10-31).  Run from the repository root (after compare_mw.R,
# whose two-group data sets it reads):  Rscript tests/reference/compare_groups.R
# Writes tests/data/cmp_groups_<set>.txt (lines "GROUP VALUE", 17 significant digits)
# and the expected-value tables tests/data/cmp_t_expected.csv (t.test, Hedges g),
# tests/data/cmp_k_expected.csv (kruskal.test, oneway.test both ways, anova(lm)),
# tests/data/cmp_dunn_expected.csv (Dunn z and p from the formula, p.adjust).
options(warn = -1)
f17 <- function(v) sprintf("%.17g", v)
rd <- function(nm) {
  d <- read.table(sprintf("tests/data/cmp_mw_%s.txt", nm), col.names = c("g", "v"))
  list(x = d$v[d$g == "x"], y = d$v[d$g == "y"])
}
# Hedges g with J = gamma(m/2)/(sqrt(m/2) gamma((m-1)/2)), m = n1+n2-2, pooled SD;
# Hedges & Olkin (1985) SE sqrt((n1+n2)/(n1 n2) + g^2/(2(n1+n2))), normal CI.
hedges <- function(x, y, conf) {
  n1 <- length(x); n2 <- length(y); m <- n1 + n2 - 2
  sp <- sqrt(((n1 - 1) * var(x) + (n2 - 1) * var(y)) / m)
  J <- exp(lgamma(m / 2) - log(sqrt(m / 2)) - lgamma((m - 1) / 2))
  g <- J * (mean(x) - mean(y)) / sp
  se <- sqrt((n1 + n2) / (n1 * n2) + g^2 / (2 * (n1 + n2)))
  z <- qnorm(1 - (1 - conf) / 2)
  c(g, g - z * se, g + z * se)
}
rows <- list()
for (nm in c("small", "mid", "large", "offset", "unequal"))
  for (sc in c("raw", "log")) {
    s <- rd(nm)
    if (sc == "log") { if (any(s$x <= 0) || any(s$y <= 0)) next; s$x <- log(s$x); s$y <- log(s$y) }
    for (alt in c("two.sided", "less", "greater")) for (conf in c(0.95, 0.9)) {
      t <- t.test(s$x, s$y, alternative = alt, conf.level = conf)
      h <- hedges(s$x, s$y, conf)
      rows[[length(rows) + 1]] <- c(nm, sc, alt, conf, f17(c(t$statistic, t$parameter, t$p.value,
        t$conf.int[1], t$conf.int[2], t$estimate[1] - t$estimate[2], h)))
    }
  }
out <- do.call(rbind, rows)
colnames(out) <- c("set", "scale", "alternative", "conf", "t", "df", "p_value", "ci_low", "ci_high",
                   "estimate", "g", "g_low", "g_high")
write.csv(out, "tests/data/cmp_t_expected.csv", row.names = FALSE, quote = FALSE)

set.seed(4242)
gsets <- list(
  bands = list(nano = rlnorm(40, -2.5, 0.8), micro = rlnorm(55, -2.8, 0.9),
               mid = rlnorm(33, -3.1, 0.7), macro = rlnorm(21, -3.3, 1), mega = rlnorm(12, -3.6, 1.1)),
  tied = list(a = sample(1:5, 15, TRUE), b = sample(1:6, 18, TRUE), c = sample(2:6, 11, TRUE)),
  two = list(a = rnorm(7, 10), b = rnorm(9, 10.8)),
  big = list(a = rnorm(3000, 1e4, 3), b = rnorm(2500, 1e4 + 0.1, 2.5), c = rnorm(2000, 1e4, 4))
)
krows <- list(); drows <- list()
for (nm in names(gsets)) {
  G <- gsets[[nm]]
  lab <- rep(seq_along(G), lengths(G)); v <- unlist(G)
  writeLines(paste(lab, f17(v)), sprintf("tests/data/cmp_groups_%s.txt", nm))
  g <- factor(lab)
  kw <- kruskal.test(v, g)
  ow <- oneway.test(v ~ g, var.equal = FALSE)
  oe <- oneway.test(v ~ g, var.equal = TRUE)
  av <- anova(lm(v ~ g))
  n <- length(v)
  krows[[length(krows) + 1]] <- c(nm, f17(c(kw$statistic, kw$parameter, kw$p.value, kw$statistic / (n - 1),
    ow$statistic, ow$parameter[1], ow$parameter[2], ow$p.value, oe$statistic, oe$p.value,
    av[1, "F value"], av[1, "Pr(>F)"], av[1, "Sum Sq"], av[2, "Sum Sq"])))
  # Dunn (1964): z = (Rbar_a - Rbar_b) / sqrt((N(N+1)/12 - sum(t^3-t)/(12(N-1))) (1/n_a + 1/n_b))
  r <- rank(v); tt <- table(v); N <- n
  s2 <- N * (N + 1) / 12 - sum(tt^3 - tt) / (12 * (N - 1))
  k <- length(G); pr <- NULL
  for (a in 1:(k - 1)) for (b in (a + 1):k) {
    z <- (mean(r[lab == a]) - mean(r[lab == b])) / sqrt(s2 * (1 / sum(lab == a) + 1 / sum(lab == b)))
    pr <- rbind(pr, c(a - 1, b - 1, z, 2 * pnorm(-abs(z))))
  }
  for (m in c("holm", "BH", "bonferroni"))
    for (i in seq_len(nrow(pr)))
      drows[[length(drows) + 1]] <- c(nm, m, pr[i, 1], pr[i, 2], f17(pr[i, 3]), f17(pr[i, 4]),
                                      f17(p.adjust(pr[, 4], m)[i]))
}
out <- do.call(rbind, krows)
colnames(out) <- c("set", "H", "df", "p_value", "epsilon2", "welch_F", "welch_df1", "welch_df2",
                   "welch_p", "equal_F", "equal_p", "anova_F", "anova_p", "ss_between", "ss_within")
write.csv(out, "tests/data/cmp_k_expected.csv", row.names = FALSE, quote = FALSE)
out <- do.call(rbind, drows)
colnames(out) <- c("set", "adjust", "a", "b", "z", "p_value", "p_adjusted")
write.csv(out, "tests/data/cmp_dunn_expected.csv", row.names = FALSE, quote = FALSE)

# Edge case for tests/test_kruskal.c (empty group skipped, NaN dropped):
print(kruskal.test(list(c(1, 1, 1), c(1, 2))), digits = 17)   # H = 1.5, df = 1, p = 0.22067136191985
