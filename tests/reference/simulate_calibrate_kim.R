# simulate_calibrate_kim.R — the calibration estimators of src/sim/calibrate.c
# (docs/simulate-params.md, "Calibration") recomputed in R 4.2.2, base R only, on the
# Kim et al. (2020) sample as the bundled parameter file was made:
#   engagestat simulate --calibrate ../shared/datasets-external/kim2020-instagram-sample/posts.csv \
#       --where owner_matches_file=1 --where is_duplicate_post=0
# Run from the repository root: Rscript tests/reference/simulate_calibrate_kim.R
# The loader keeps 38,969 rows: the filters, minus 2 rows with no follower count.
d <- read.csv("../shared/datasets-external/kim2020-instagram-sample/posts.csv", stringsAsFactors = FALSE)
d <- d[d$owner_matches_file == 1 & d$is_duplicate_post == 0 & !is.na(d$followers), ]
cat(sprintf("rows %d\n", nrow(d)))
g <- d$file_influencer                      # the account role (first alias present)
first <- function(v) tapply(v, g, function(z) z[1])
F <- first(d$followers); niche <- first(d$category)
n <- as.vector(tapply(d$likes, g, length)); F <- as.vector(F); niche <- as.vector(niche)
L <- as.vector(tapply(d$likes, g, sum)); C <- as.vector(tapply(d$comments, g, sum))
T <- L + C
cat(sprintf("accounts %d\n", length(F)))
out <- function(k, v) cat(sprintf("%s %.17g\n", k, v))
# followers: tail above the 0.9 quantile (type 7), Hill MLE; truncated lognormal body
xmin <- quantile(F, 0.9, type = 7, names = FALSE)
tail <- F[F >= xmin]
out("tail_min", xmin); out("tail_prob", length(tail) / length(F))
out("tail_alpha", length(tail) / sum(log(tail / xmin)))
y <- log(F[F < xmin]); a <- log(min(F)); b <- log(xmin)
nll <- function(th) { mu <- th[1]; s <- exp(th[2])
  length(y) * (th[2] + log(pnorm((b - mu) / s) - pnorm((a - mu) / s))) + 0.5 * sum(((y - mu) / s)^2) }
fit <- optim(c(mean(y), 0.5 * log(mean((y - mean(y))^2))), nll, method = "Nelder-Mead",
             control = list(reltol = 1e-15, maxit = 20000))
# polish with BFGS on the analytic gradient (finite differences would limit the precision)
grad <- function(th) { mu <- th[1]; s <- exp(th[2]); z <- (y - mu) / s; za <- (a - mu) / s; zb <- (b - mu) / s
  M <- pnorm(zb) - pnorm(za); N <- length(y)
  c(-sum(z) / s - N * (dnorm(zb) - dnorm(za)) / (s * M),
    N - sum(z^2) - N * (zb * dnorm(zb) - za * dnorm(za)) / M) }
fit <- optim(fit$par, nll, grad, method = "BFGS", control = list(reltol = 1e-16, maxit = 1000))
# then Newton steps on the gradient (Hessian by central differences), until it vanishes
th <- fit$par
for (i in 1:4) {
  h <- 1e-6
  H <- cbind((grad(th + c(h, 0)) - grad(th - c(h, 0))) / (2 * h), (grad(th + c(0, h)) - grad(th - c(0, h))) / (2 * h))
  th <- th - solve(H, grad(th))
}
cat(sprintf("gradient at the optimum %.3g %.3g\n", grad(th)[1], grad(th)[2]))
out("followers_meanlog", th[1]); out("followers_sdlog", exp(th[2]))
# posts per account: method of moments for n - 1 ~ NB
m <- mean(n - 1); v <- mean((n - 1 - m)^2)
out("posts_mean", 1 + m); out("posts_size", m^2 / (v - m))
# comments share, on the engagement-rate scale
cs <- sum(C / (n * F)) / sum(T / (n * F)); out("comments_share", cs)
# NB sizes: within-account moments, weights (n - 1) / F^2
theta <- function(col) {
  s2 <- as.vector(tapply(d[[col]], g, function(z) if (length(z) > 1) var(z) else NA))
  mm <- as.vector(tapply(d[[col]], g, mean)); k <- n >= 2; w <- (n[k] - 1) / F[k]^2
  sum(w * (mm[k]^2 - s2[k] / n[k])) / sum(w * (s2[k] - mm[k]))
}
tl <- theta("likes"); tc <- theta("comments"); out("likes_size", tl); out("comments_size", tc)
# sponsored: share of posts; Mantel-Haenszel rate ratio on interactions / followers
sp <- d$has_sponsor_tag; out("sponsored_prob", mean(sp))
ns <- as.vector(tapply(sp, g, sum)); Ts <- as.vector(tapply((d$likes + d$comments) * sp, g, sum))
k <- ns > 0 & ns < n
se <- sum(Ts[k] / F[k] * (n[k] - ns[k]) / n[k]) / sum((T[k] - Ts[k]) / F[k] * ns[k] / n[k])
out("sponsored_effect", se)
# regression of log account ER on log(F / 1e4) + niche (reference: the most common)
cnt <- table(niche); lev <- names(cnt)[order(-cnt, names(cnt))]
k <- T > 0
df <- data.frame(y = log(T[k] / (n[k] * F[k])), lf = log(F[k] / 1e4), niche = factor(niche[k], levels = lev),
                 n = n[k], F = F[k])
# the knot: profile least squares over 10^(4 + 0.05 g), g = 0..60, with at least 5% of
# the accounts (integer division, as in C) on each side
grid <- 10^(4 + 0.05 * (0:60)); rss <- rep(Inf, length(grid))
for (gi in seq_along(grid)) { nlo <- sum(df$F <= grid[gi]); if (nlo < nrow(df) %/% 20 || nrow(df) - nlo < nrow(df) %/% 20) next
  df$h <- log(pmax(1, df$F / grid[gi])); rss[gi] <- sum(resid(lm(y ~ lf + h + niche, data = df))^2) }
knot <- grid[which.min(rss)]; df$h <- log(pmax(1, df$F / knot)); out("beta_knot", knot)
f1 <- lm(y ~ lf + h + niche, data = df)
itheta <- (1 - cs)^2 / tl + cs^2 / tc; sh <- df$n / itheta
mu <- exp(fitted(f1)) * df$F
bias <- digamma(sh) - log(sh) - 1 / (2 * df$n * mu); nv <- trigamma(sh) + 1 / (df$n * mu)
df$y2 <- df$y - bias
f2 <- lm(y2 ~ lf + h + niche, data = df)
out("account_sd", sqrt(sum(resid(f2)^2) / df.residual(f2) - mean(nv)))
# niche effects: median regression (quantreg 5.94, rq, Barrodale-Roberts) of the log
# observed account ER (median over posts; 0 read as half an interaction)
med <- as.vector(tapply((d$likes + d$comments) / d$followers, g, median))[k]
df$ym <- log(pmax(med, 0.5 / df$F))
f3 <- quantreg::rq(ym ~ lf + h + niche, tau = 0.5, data = df)
for (l in lev[-1]) out(paste0("niche.", l, ".effect"), exp(coef(f3)[[paste0("niche", l)]]))
# beta, beta2 and er_base come from the simulated method of moments (a simulation in
# C, not recomputed here); the median regression's values are printed for the notes:
out("lad_beta", coef(f3)[["lf"]]); out("lad_beta2", coef(f3)[["h"]])
for (l in lev) out(paste0("niche.", l, ".share"), cnt[[l]] / length(niche))
