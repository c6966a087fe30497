# shape.R — expected values for tests/test_shape.c (es_shape_run: the shape of log10 ER
# against log10 followers) and the synthetic files it writes, tests/data/shape-*.csv.
# R version 4.2.2 Patched (2022-11-10 r83330), splines (base), sandwich 3.0-2.  Run from the
# repository root:
#   Rscript tests/reference/shape.R
# Account units of the bundled dataset as es_units_build makes them (see
# regress_models.R); zero-ER units are left out.  The models, as docs/methods-regress.md
# section 8 defines them:
#   linear     lm(y ~ x)
#   quadratic  lm(y ~ x + I(x^2))
#   hinge      lm(y ~ x + pmax(x - k, 0)), k the least-RSS of 50 points equally spaced
#              between quantile(x, 0.1) and quantile(x, 0.9) (the first on a tie); the
#              knot counts as a parameter: AIC + 2, BIC + log(n)
#   spline     lm(y ~ splines::ns(x, df = 4))
# with y = log10(er), x = log10(followers).
suppressMessages({library(splines); library(sandwich)})
p17 <- function(name, x) cat(name, "=", paste(formatC(x, digits = 17, format = "g"), collapse = ", "), "\n")
shape <- function(tag, x, y, fm = NULL) {
  n <- length(y)
  m1 <- lm(y ~ x)
  m2 <- lm(y ~ x + I(x^2))
  q <- quantile(x, c(0.1, 0.9))
  ks <- seq(q[[1]], q[[2]], length.out = 50)
  rss <- sapply(ks, function(k) deviance(lm(y ~ x + pmax(x - k, 0))))
  k <- ks[which.min(rss)]
  m3 <- lm(y ~ x + pmax(x - k, 0))
  m4 <- lm(y ~ ns(x, df = 4))
  ll <- sapply(list(m1, m2, m3, m4), function(m) as.numeric(logLik(m)))
  np <- c(3, 4, 5, 6)
  p17(paste0(tag, "_n"), n)
  p17(paste0(tag, "_loglik"), ll)
  p17(paste0(tag, "_aic"), -2 * ll + 2 * np)
  p17(paste0(tag, "_bic"), -2 * ll + log(n) * np)
  p17(paste0(tag, "_knot"), k)
  if (!is.null(fm)) {
    # The contrast at the two bands' median followers, HC3 t intervals.
    nd <- data.frame(x = log10(fm))
    r <- c()
    for (m in list(m1, m2, m3, m4)) {
      X <- model.matrix(delete.response(terms(m)), nd)
      if (identical(m, m4)) X <- cbind(1, predict(ns(x, df = 4), log10(fm)))
      cv <- X[1, ] - X[2, ]
      dl <- sum(cv * coef(m)); se <- sqrt(drop(t(cv) %*% vcovHC(m, type = "HC3") %*% cv))
      qq <- qt(0.975, df.residual(m))
      r <- c(r, 10^c(dl, dl - qq * se, dl + qq * se))
    }
    p17(paste0(tag, "_ratio"), r)
  }
}
# Account units: followers and ER the medians over the account's posts (key), its
# platform the first post's; fm the median followers of the micro and mega bands (all
# accounts, zero ER included, as es_regress_run).
accounts <- function(d, key) {
  a <- data.frame(key = unique(key))
  a$platform <- d$platform[match(a$key, key)]
  a$followers <- as.numeric(tapply(d$followers, key, median)[a$key])
  a$er <- as.numeric(tapply(d$er, key, median)[a$key])
  band <- cut(a$followers, c(1e3, 1e4, 5e4, 5e5, 1e6, Inf), right = FALSE,
              labels = c("nano", "micro", "mid", "macro", "mega"))
  attr(a, "fm") <- c(median(a$followers[band %in% "micro"]), median(a$followers[band %in% "mega"]))
  a
}
d <- read.csv(gzfile("tests/data/engagestat-sim-v1.csv.gz"))
d$er <- (d$likes + d$comments) / d$followers
a <- accounts(d, paste(d$platform, d$account_id))
fm <- attr(a, "fm")
p <- a[a$er > 0, ]
shape("sim", log10(p$followers), log10(p$er), fm)
for (pl in c("instagram", "tiktok")) {
  s <- p[p$platform == pl, ]
  shape(paste0("sim_", pl), log10(s$followers), log10(s$er))
}
# Synthetic account files (account, followers, likes): 400 accounts, log10 followers
# uniform on [3, 7], log10 ER = f(x) + N(0, 0.1^2), likes = round(followers * ER).
gen <- function(file, f, seed) {
  set.seed(seed)
  x <- runif(400, 3, 7)
  fo <- round(10^x)
  likes <- pmax(1, round(fo * 10^(f(x) + rnorm(400, 0, 0.1))))
  write.csv(data.frame(account = sprintf("s%03d", 1:400), followers = fo, likes = likes), file,
            row.names = FALSE, quote = FALSE)
  z <- read.csv(file)
  shape(sub("^tests/data/shape-(.*)\\.csv$", "\\1", file), log10(z$followers), log10(z$likes / z$followers))
}
gen("tests/data/shape-rising.csv", function(x) -2 + 0.3 * pmax(x - 5, 0), 14)
gen("tests/data/shape-u.csv", function(x) -1.5 - 0.5 * (x - 3) + 0.125 * (x - 3)^2, 15)
gen("tests/data/shape-flattening.csv", function(x) -1 - 0.4 * (x - 3) + 0.04 * (x - 3)^2, 16)
# The Kim et al. (2020) Instagram sample, when ../shared holds it (the CLI case
# tests/cli/regress-shape-kim.t): rows with owner_matches_file = 1 and
# is_duplicate_post = 0; account = file_influencer; ER = (likes + comments) / followers.
kim <- "../shared/datasets-external/kim2020-instagram-sample/posts.csv"
if (file.exists(kim)) {
  d <- read.csv(kim)
  d <- d[d$owner_matches_file == 1 & d$is_duplicate_post == 0 & d$followers > 0, ]
  d$er <- (d$likes + d$comments) / d$followers
  d <- d[!is.na(d$er), ]                  # a count missing: the row is left out
  d$platform <- "instagram"
  a <- accounts(d, d$file_influencer)
  fm <- attr(a, "fm")
  p <- a[a$er > 0, ]
  shape("kim", log10(p$followers), log10(p$er), fm)
}
# Output (R 4.2.2 Patched r83330, sandwich 3.0-2; the kim_ lines need ../shared):
#   sim_n =              49997 
#   sim_loglik = -28155.113359581061, -28153.835334737607, -28153.939470144673, -28152.680574652662 
#   sim_aic = 56316.226719162121, 56315.670669475214, 56317.878940289345, 56317.361149305325 
#   sim_bic = 56342.685874009949, 56350.949542605653, 56361.977531702396, 56370.279459000987 
#   sim_knot = 5.2635484908438404 
#   sim_ratio = 1.8871569300120123, 1.8449863095558927, 1.9302914390457566, 1.9400740784660233, 1.8655243843573108, 2.0176029118121019, 1.9460342173114118, 1.8630829772536863, 2.0326787487099542, 1.9371771181649582, 1.8570599627453031, 2.0207506824897132 
#   sim_instagram_n =              37470 
#   sim_instagram_loglik = -19732.245804735787, -19731.756840799004, -19731.543318986536, -19730.367639944445 
#   sim_instagram_aic = 39470.491609471574, 39471.513681598008, 39473.086637973072,  39472.73527988889 
#   sim_instagram_bic = 39496.085497146938, 39505.638865165158, 39515.743117432008, 39523.923055239618 
#   sim_instagram_knot = 5.2616184869580174 
#   sim_tiktok_n =              12527 
#   sim_tiktok_loglik = -6636.7019925781233, -6636.220563949144, -6636.0446956152455, -6636.1724127936322 
#   sim_tiktok_aic = 13279.403985156247, 13280.441127898288, 13282.089391230491, 13284.344825587264 
#   sim_tiktok_bic = 13301.710909937779, 13310.183694273665, 13319.267599199711,  13328.95867515033 
#   sim_tiktok_knot = 4.7188840788399862 
#   rising_n =                400 
#   rising_loglik = 241.96163045713098, 321.01007271906934, 323.63199052584412, 324.78729834812316 
#   rising_aic = -477.92326091426196, -634.02014543813868, -637.26398105168823, -637.57459669624632 
#   rising_bic =  -465.948867272938, -618.0542872497067, -617.30665831614829, -613.6258094135984 
#   rising_knot = 5.0737268214847173 
#   u_n =                400 
#   u_loglik = 124.42507927880931, 351.96351896444355, 328.83796275194157, 353.22240901739184 
#   u_aic = -242.85015855761861, -695.9270379288871, -647.67592550388315, -694.44481803478368 
#   u_bic = -230.87576491629466, -679.96117974045512, -627.7186027683432, -670.49603075213577 
#   u_knot = 5.2457616259215722 
#   flattening_n =                400 
#   flattening_loglik = 316.15740441525719, 366.68809121926074, 360.70589005223542, 366.97195533753921 
#   flattening_aic = -626.31480883051438, -725.37618243852148, -711.41178010447084, -721.94391067507843 
#   flattening_bic = -614.34041518919048, -709.4103242500895, -691.45445736893089, -697.99512339243051 
#   flattening_knot = 4.7481528524825638 
#   kim_n =              22635 
#   kim_loglik = -12102.261486341718, -12042.496846624284, -12043.182055304378, -12039.741361749644 
#   kim_aic = 24210.522972683437, 24092.993693248569, 24096.364110608756, 24091.482723499288 
#   kim_bic = 24234.604730663046, 24125.102703888049, 24136.500373908108, 24139.646239458507 
#   kim_knot = 4.6113449057944056 
#   kim_ratio = 1.7347548197663172, 1.6772989844769635, 1.7941788032745332,  1.306450846412089, 1.2254048904561494, 1.3928570282231474, 1.3166781404018737, 1.2355106357273216, 1.4031779859115292, 1.3242949616118063, 1.2368478376936671, 1.4179247373069124 
