# regress_fe.R — expected values for tests/cli/regress-fe-r-golden.t (a factor of more
# than 50 levels is absorbed: src/regress/fe.c).  R version 4.2.2, sandwich 3.0-2.
# Run from the repository root: Rscript tests/reference/regress_fe.R
# writes tests/data/regress-fe60-expected.csv.
suppressMessages(library(sandwich))
d <- read.csv("tests/data/regress-fe60.csv")
d$er <- (d$avg_likes + d$avg_comments) / d$followers
# engagestat's reference level is the most frequent one (n0007 here).
d$niche <- relevel(factor(d$niche), ref = names(which.max(table(d$niche))))
m <- lm(log10(er) ~ log10(followers) + niche, d)
s <- summary(m)
df <- df.residual(m)
out <- data.frame(term = names(coef(m)), estimate = coef(m))
for (type in c("classical", "HC0", "HC1", "HC2", "HC3")) {
  V <- if (type == "classical") vcov(m) else vcovHC(m, type = type)
  se <- sqrt(diag(V))
  out[[paste0("se_", type)]] <- se
  out[[paste0("p_", type)]] <- 2 * pt(abs(coef(m) / se), df, lower.tail = FALSE)
}
stats <- c(r2 = s$r.squared, adj_r2 = s$adj.r.squared, f_statistic = unname(s$fstatistic[1]),
           sigma = s$sigma, df_residual = df, max_leverage = max(hatvalues(m)))
extra <- out[rep(1, length(stats)), ]
extra[,] <- NA
extra$term <- names(stats)
extra$estimate <- unname(stats)
out <- rbind(out, extra)
write.csv(format(out, digits = 17, trim = TRUE), "tests/data/regress-fe60-expected.csv", row.names = FALSE, quote = FALSE)
