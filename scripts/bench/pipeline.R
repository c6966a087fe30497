# pipeline.R — the canonical pipeline of issue 15 in R, for the engagestat benchmark.
# R 4.2.2, data.table 1.14.8, sandwich 3.0.2, fitdistrplus 1.1.8.
# Run: Rscript scripts/bench/pipeline.R FILE OUT.csv [B] [SEED]
# load (fread, only the five columns the pipeline uses, all threads) -> per-post ER
# (likes+comments)/followers -> account ER = mean of its posts -> HypeAuditor bands
# [1k,10k) [10k,50k) [50k,500k) [500k,1M) [1M,inf) -> per band n, mean, sd, median, q25,
# q75 (type 7), median per band x niche -> Kruskal-Wallis across bands, Mann-Whitney
# micro vs mega (normal approximation, tie and continuity corrected) with Cliff's delta
# = 2W/(n1 n2) - 1 -> OLS log10(ER) ~ log10(followers) + niche (accounts with ER > 0)
# with HC3 (sandwich::vcovHC) -> lognormal and gamma MLE per band (fitdistrplus::fitdist,
# ER > 0) -> bootstrap 95% percentile CI of the micro and mega medians (B = 2000,
# base R sample, quantile type 7).
# Writes OUT.csv (quantity,group,value, 17 significant digits); prints one line per
# stage "stage NAME SECONDS" (elapsed, proc.time).
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript pipeline.R FILE OUT.csv [B] [SEED]")
B <- if (length(args) >= 3) as.integer(args[3]) else 2000L
seed <- if (length(args) >= 4) as.integer(args[4]) else 1L
t_start <- proc.time()[["elapsed"]]
suppressPackageStartupMessages({
    library(data.table); library(sandwich); library(fitdistrplus)
})
setDTthreads(0)
last <- proc.time()[["elapsed"]]
cat(sprintf("stage startup %.3f\n", last - t_start))
stage <- function(name) {
    now <- proc.time()[["elapsed"]]
    cat(sprintf("stage %s %.3f\n", name, now - last))
    last <<- now
}
res <- list()
put <- function(q, g, v) res[[length(res) + 1L]] <<- data.frame(quantity = q, group = g, value = v)

d <- fread(args[1], select = c("account_id", "niche", "followers", "likes", "comments"),
           showProgress = FALSE)
stage("load")
d[, er := (likes + comments) / followers]
a <- d[, .(er = mean(er), followers = followers[1L], niche = niche[1L]), by = account_id]
bands <- c("nano", "micro", "mid", "macro", "mega")
a[, band := cut(followers, c(1000, 1e4, 5e4, 5e5, 1e6, Inf), right = FALSE, labels = bands)]
a <- a[!is.na(band)]
stage("aggregate")
s <- a[, .(n = .N, mean = mean(er), sd = sd(er), median = median(er),
           q25 = quantile(er, 0.25, type = 7, names = FALSE),
           q75 = quantile(er, 0.75, type = 7, names = FALSE)), keyby = band]
for (st in c("n", "mean", "sd", "median", "q25", "q75")) put(st, as.character(s$band), s[[st]])
bn <- a[, .(median = median(er)), keyby = .(band, niche)]
put("median_niche", paste(bn$band, bn$niche, sep = "|"), bn$median)
stage("describe")
kw <- kruskal.test(er ~ band, data = a)
put("kw_statistic", "all", unname(kw$statistic))
mi <- a[band == "micro", er]; me <- a[band == "mega", er]
mw <- wilcox.test(mi, me, exact = FALSE, correct = TRUE)
W <- unname(mw$statistic)
put("mw_statistic", "micro_vs_mega", W)
put("cliff_delta", "micro_vs_mega", 2 * W / (length(mi) * length(me)) - 1)
stage("tests")
p <- a[er > 0]
m <- lm(log10(er) ~ log10(followers) + niche, data = p)
put("ols_slope", "log10_followers", unname(coef(m)[2]))
put("ols_se_hc3", "log10_followers", unname(sqrt(diag(vcovHC(m, type = "HC3")))[2]))
stage("ols")
for (b in bands) {
    x <- a[band == b & er > 0, er]
    fl <- fitdist(x, "lnorm")
    # optim's default relative tolerance (1e-8) leaves the gamma MLE about 1e-5 off;
    # a tighter one and the method-of-moments start bring it to the optimum
    fg <- fitdist(x, "gamma", start = list(shape = mean(x)^2 / var(x), rate = mean(x) / var(x)),
                  control = list(reltol = 1e-15, maxit = 10000))
    put("lnorm_meanlog", b, unname(fl$estimate["meanlog"]))
    put("lnorm_sdlog", b, unname(fl$estimate["sdlog"]))
    put("gamma_shape", b, unname(fg$estimate["shape"]))
    put("gamma_rate", b, unname(fg$estimate["rate"]))
}
stage("fit")
set.seed(seed)
for (b in c("micro", "mega")) {
    x <- a[band == b, er]
    n <- length(x)
    r <- vapply(seq_len(B), function(i) median(x[sample.int(n, n, replace = TRUE)]), 0.0)
    put("boot_ci_low", b, quantile(r, 0.025, type = 7, names = FALSE))
    put("boot_ci_high", b, quantile(r, 0.975, type = 7, names = FALSE))
    put("boot_se", b, sd(r))
}
stage("bootstrap")
out <- do.call(rbind, res)
out$value <- sprintf("%.17g", out$value)
fwrite(out, args[2], quote = TRUE)
cat(sprintf("stage total %.3f\n", proc.time()[["elapsed"]] - t_start))
