# reference.R — expected values of tests/test_reference.c (levels, es_reference_load),
# computed independently of engagestat.  R 4.2.2:  Rscript tests/reference/reference.R
p <- read.csv("tests/data/posts-small.csv")
cat("posts-small: rows", nrow(p), "accounts", nrow(unique(p[c("account", "platform")])), "\n")
r <- read.csv("tests/data/level-repeat.csv")
cat("level-repeat: rows", nrow(r), "accounts", nrow(unique(r[c("account", "platform")])), "\n")
b <- read.csv("tests/data/ref-bands.csv")
k <- !is.na(b$median_er_pct)
cat("ref-bands: kept", sum(k), "median/100", sprintf("%.17g", b$median_er_pct[k] / 100), "\n")
cat("ref-bands: q25/100", sprintf("%.17g", b$p25_er_pct[k] / 100), "q75/100", sprintf("%.17g", b$p75_er_pct[k] / 100), "\n")
v <- read.csv("tests/data/ref-percent-values.csv")
cat("ref-percent-values: max median", max(v$median), "> 1, so percent:", sprintf("%.17g", v$median / 100), "\n")
d <- p[!is.na(p$likes) & !is.na(p$comments) & p$followers > 0, ]
cat("posts-small with a defined ER: rows", nrow(d), "accounts", nrow(unique(d[c("account", "platform")])), "\n")
