# Reference for tests/cli/describe-r-golden.t (R 4.2.2).
# Run from the repository root: Rscript tests/reference/describe.R
# Writes tests/data/accounts-r.csv (account-level data, made here with a fixed seed) and
# tests/data/describe-r.csv: the describe table (--boot 0 --digits 12) computed by R:
# quantile(type = 7), sd (n - 1), mean(x, trim = 0.1), mad(), exp(mean(log(x))).
set.seed(20261126)
n <- 120
followers <- round(exp(runif(n, log(1000), log(5e6))))
er <- rlnorm(n, meanlog = log(0.03) - 0.1 * (log10(followers) - 4), sdlog = 0.6)
likes <- round(er * followers * 0.95)
comments <- round(er * followers * 0.05)
d <- data.frame(handle = sprintf("acct%03d", 1:n), followers = followers, avg_likes = likes,
                avg_comments = comments)
write.csv(d, "tests/data/accounts-r.csv", row.names = FALSE, quote = FALSE)
d$er <- (d$avg_likes + d$avg_comments) / d$followers
edges <- c(1e3, 1e4, 5e4, 5e5, 1e6)
names <- c("nano", "micro", "mid", "macro", "mega")
ranges <- c("1k-10k", "10k-50k", "50k-500k", "500k-1M", "1M+")
band <- findInterval(d$followers, edges)
g <- function(x) formatC(x, digits = 12, format = "g")
rows <- c("band,range,n_accounts,n_posts,mean,sd,median,q25,q75,iqr,geo_mean,trim_mean,mad,n_zero,note")
for (b in c(1:5, 0)) {
  x <- if (b == 0) d$er else d$er[band == b]
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  rows <- c(rows, paste(if (b == 0) "all" else names[b], if (b == 0) "all" else ranges[b],
    length(x), length(x), g(mean(x)), g(sd(x)), g(q[2]), g(q[1]), g(q[3]), g(q[3] - q[1]),
    g(exp(mean(log(x)))), g(mean(x, trim = 0.1)), g(mad(x)), sum(x == 0), "", sep = ","))
}
writeLines(rows, "tests/data/describe-r.csv")
