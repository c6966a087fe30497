# reference.R — R 4.2.2's answers for a batch of cross-check cases, in one R process
# (scripts/crosscheck/README.md).
# Usage: Rscript reference.R MANIFEST OUT
#   MANIFEST: tab-separated lines  id  csv  covariate(0/1)  reference niche level of the
#             OLS and of the NB2 model (engagestat's: the most frequent in each sample)
#   OUT:      tab-separated lines  id  key  value  (value as %.17g, or NA / NaN / Inf / -Inf)
# Keys are the ones crosscheck.py reads from engagestat's JSON (same names).
suppressPackageStartupMessages({
  library(MASS)
  library(sandwich)
})
args <- commandArgs(TRUE)
man <- read.delim(args[1], header = FALSE, colClasses = "character",
                  col.names = c("id", "csv", "cov", "ref", "nbref"))
out <- file(args[2], "w")
bands <- c("lo", "mid", "hi")

emit <- function(id, key, v) {
  v <- as.numeric(v)[1]
  s <- if (is.na(v) && !is.nan(v)) "NA" else if (is.nan(v)) "NaN" else
    if (is.infinite(v)) (if (v > 0) "Inf" else "-Inf") else sprintf("%.17g", v)
  writeLines(paste(id, key, s, sep = "\t"), out)
}
try1 <- function(expr) tryCatch(suppressWarnings(expr), error = function(e) NULL)

# sd() of x/2^k times 2^k: exact scaling, so deviations beyond 1e+-154 do not square to
# 0 or Inf (R's own sd() gives 0 and Inf there; docs/accuracy.md)
sd_scaled <- function(x) {
  k <- if (length(x) >= 2) max(abs(x - mean(x))) else NA
  if (!is.finite(k) || k == 0) return(sd(x))
  e <- 2^floor(log2(k))
  sd(x / e) * e
}

describe_one <- function(id, tag, x) {
  n <- length(x)
  emit(id, paste0("describe.", tag, ".n"), n)
  if (n == 0) return()
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  emit(id, paste0("describe.", tag, ".mean"), mean(x))
  emit(id, paste0("describe.", tag, ".sd"), sd_scaled(x))
  emit(id, paste0("describe.", tag, ".median"), median(x))
  emit(id, paste0("describe.", tag, ".q25"), q[1])
  emit(id, paste0("describe.", tag, ".q75"), q[3])
  emit(id, paste0("describe.", tag, ".iqr"), IQR(x, type = 7))
  emit(id, paste0("describe.", tag, ".geo_mean"), exp(mean(log(x))))
  emit(id, paste0("describe.", tag, ".trim_mean"), mean(x, trim = 0.1))
  emit(id, paste0("describe.", tag, ".mad"), mad(x))
  emit(id, paste0("describe.", tag, ".n_zero"), sum(x == 0))
}

# Profile-likelihood MLEs solved by uniroot to the last bits (fitdistrplus's optim stops
# at reltol 1e-8; its estimates are emitted beside as fd.*, for information).
gamma_mle <- function(x) {
  s <- log(mean(x)) - mean(log(x))
  if (!is.finite(s) || s <= 0) return(NULL)
  f <- function(t) t - digamma(exp(t)) - s
  r <- uniroot(f, c(-40, 40), tol = 1e-15, maxiter = 2000)
  a <- exp(r$root)
  c(shape = a, rate = a / mean(x))
}
weibull_mle <- function(x) {
  y <- x / max(x); ly <- log(y); m <- mean(ly)
  g <- function(t) { k <- exp(t); w <- y^k; sum(w * ly) / sum(w) - 1 / k - m }
  r <- uniroot(g, c(-20, 20), tol = 1e-15, maxiter = 2000)
  k <- exp(r$root)
  c(shape = k, scale = max(x) * mean(y^k)^(1 / k))
}

fit_one <- function(id, tag, x) {
  if (length(x) < 2 || any(x <= 0) || length(unique(x)) < 2) return()
  p <- function(d, par, v) emit(id, paste("fit", tag, d, par, sep = "."), v)
  m <- mean(log(x)); s <- sqrt(mean((log(x) - m)^2))
  p("lognormal", "meanlog", m); p("lognormal", "sdlog", s)
  p("lognormal", "loglik", sum(dlnorm(x, m, s, log = TRUE)))
  g <- try1(gamma_mle(x))
  if (!is.null(g)) {
    p("gamma", "shape", g[1]); p("gamma", "rate", g[2])
    p("gamma", "loglik", sum(dgamma(x, g[1], g[2], log = TRUE)))
  }
  w <- try1(weibull_mle(x))
  if (!is.null(w)) {
    p("weibull", "shape", w[1]); p("weibull", "scale", w[2])
    p("weibull", "loglik", sum(dweibull(x, w[1], w[2], log = TRUE)))
  }
  if (requireNamespace("fitdistrplus", quietly = TRUE) && length(x) >= 3 && length(x) <= 2000) {
    for (d in c("gamma", "weibull")) {
      f <- NULL
      invisible(capture.output(f <- try1(fitdistrplus::fitdist(x, d))))
      if (!is.null(f)) for (par in names(f$estimate))
        emit(id, paste("fd", tag, d, par, sep = "."), f$estimate[[par]])
    }
  }
}

for (i in seq_len(nrow(man))) {
  id <- man$id[i]
  d <- read.csv(man$csv[i], na.strings = c("", "NA"),
                colClasses = c("character", "numeric", "numeric", "character", "numeric"))
  d <- d[!is.na(d$rate), ]
  d$band <- factor(as.character(cut(d$followers, c(1, 1e4, 1e5, Inf), right = FALSE,
                                    labels = bands)), levels = bands)
  for (b in bands) describe_one(id, b, d$rate[d$band == b])
  describe_one(id, "all", d$rate)

  # compare: lo vs hi
  x <- d$rate[d$band == "lo"]; y <- d$rate[d$band == "hi"]
  if (length(x) >= 1 && length(y) >= 1) {
    w <- try1(wilcox.test(x, y, correct = TRUE))
    if (!is.null(w)) {
      emit(id, "mw.W", w$statistic); emit(id, "mw.p", w$p.value)
      exact <- length(x) < 50 && length(y) < 50 && !anyDuplicated(c(x, y))
      if (exact) {
        w2 <- try1(wilcox.test(x, y, conf.int = TRUE))
        if (!is.null(w2)) {
          emit(id, "hl.est", w2$estimate)
          emit(id, "hl.lo", w2$conf.int[1]); emit(id, "hl.hi", w2$conf.int[2])
        }
      }
    }
  }
  lx <- log(x[x > 0]); ly <- log(y[y > 0])
  tt <- if (length(lx) >= 2 && length(ly) >= 2) try1(t.test(lx, ly)) else NULL
  if (!is.null(tt)) {
    emit(id, "welch.t", tt$statistic); emit(id, "welch.df", tt$parameter)
    emit(id, "welch.p", tt$p.value); emit(id, "welch.est", mean(lx) - mean(ly))
    emit(id, "welch.lo", tt$conf.int[1]); emit(id, "welch.hi", tt$conf.int[2])
  }
  # omnibus over the bands of at least --min-n = 2 units, ER = 0 included (engagestat
  # leaves smaller bands out and names them: docs/methods-compare.md); the ANOVAs on the
  # units with ER > 0 of those bands; Welch's also leaves out bands of one such unit
  big <- function(dd) droplevels(dd[dd$band %in% names(which(table(dd$band) >= 2)), ])
  dk <- big(d)
  if (nlevels(dk$band) >= 2) {
    k <- try1(kruskal.test(rate ~ band, data = dk))
    if (!is.null(k)) {
      emit(id, "kw.H", k$statistic); emit(id, "kw.df", k$parameter); emit(id, "kw.p", k$p.value)
    }
  }
  dp <- droplevels(dk[dk$rate > 0, ])
  flat <- nrow(dp) == 0 || length(unique(log(dp$rate))) < 2   # constant response: no test
  if (!flat && nlevels(dp$band) >= 2 && nrow(dp) > nlevels(dp$band)) {
    a <- try1(anova(lm(log(rate) ~ band, data = dp)))
    if (!is.null(a)) {
      emit(id, "anova.F", a[1, "F value"]); emit(id, "anova.df1", a[1, "Df"])
      emit(id, "anova.df2", a[2, "Df"]); emit(id, "anova.p", a[1, "Pr(>F)"])
    }
  }
  # Welch's ANOVA (a band without variance makes R's weights infinite: NaN, as ours)
  if (!flat && nlevels(big(dp)$band) >= 2) {
    o <- try1(oneway.test(log(rate) ~ band, data = big(dp)))
    if (!is.null(o)) {
      emit(id, "wanova.F", o$statistic); emit(id, "wanova.df2", o$parameter[2])
      emit(id, "wanova.p", o$p.value)
    }
  }

  # regress: OLS of log10 ER on log10 followers (+ niche), HC3
  dr <- d[d$rate > 0, ]
  cov <- man$cov[i] == "1"
  if (cov) dr$niche <- relevel(factor(dr$niche), ref = man$ref[i])
  fo <- if (cov) log10(rate) ~ log10(followers) + niche else log10(rate) ~ log10(followers)
  if (nrow(dr) >= 2 && length(unique(dr$rate)) >= 2) {
    f <- try1(lm(fo, data = dr))
    if (!is.null(f) && !anyNA(coef(f)) && f$df.residual == 0)
      for (j in seq_along(coef(f))) emit(id, paste0("ols.coef.", names(coef(f))[j]), coef(f)[j])
    if (!is.null(f) && !anyNA(coef(f)) && f$df.residual > 0) {
      co <- coef(f)
      # HC3 is undefined with a leverage of 1 (R: NaN); engagestat then reports HC1, says so
      lev1 <- any(hatvalues(f) > 1 - 1e-10)
      se <- sqrt(diag(vcovHC(f, type = if (lev1) "HC1" else "HC3")))
      df <- f$df.residual
      nm <- sub("^niche", "niche", names(co))
      for (j in seq_along(co)) {
        emit(id, paste0("ols.coef.", nm[j]), co[j])
        emit(id, paste0("ols.se.", nm[j]), se[j])
        emit(id, paste0("ols.t.", nm[j]), co[j] / se[j])
        emit(id, paste0("ols.p.", nm[j]), 2 * pt(-abs(co[j] / se[j]), df))
      }
      s <- summary(f)
      emit(id, "ols.n", nrow(dr)); emit(id, "ols.r2", s$r.squared)
      emit(id, "ols.adj_r2", s$adj.r.squared); emit(id, "ols.sigma", s$sigma)
      emit(id, "ols.loglik", logLik(f)); emit(id, "ols.aic", AIC(f)); emit(id, "ols.bic", BIC(f))
    }
  }
  # NB2 of likes, offset log(followers), on the units with a defined ER
  dn <- d
  if (cov) dn$niche <- relevel(factor(dn$niche), ref = man$nbref[i])
  fn <- if (cov) likes ~ log(followers) + niche + offset(log(followers)) else
    likes ~ log(followers) + offset(log(followers))
  if (nrow(dn) >= 3) {
    g <- try1(glm.nb(fn, data = dn))
    # no residual df: a saturated fit, theta without bound (engagestat: no fit)
    if (!is.null(g) && is.null(g$th.warn) && g$df.residual > 0) {
      co <- coef(g); se <- sqrt(diag(vcov(g)))
      for (j in seq_along(co)) {
        emit(id, paste0("nb.coef.", names(co)[j]), co[j])
        emit(id, paste0("nb.se.", names(co)[j]), se[j])
      }
      emit(id, "nb.theta", g$theta); emit(id, "nb.loglik", logLik(g))
    }
  }
  # fit: per band and all
  for (b in bands) fit_one(id, b, d$rate[d$band == b])
  fit_one(id, "all", d$rate)
}
close(out)
