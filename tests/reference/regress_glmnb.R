# regress_glmnb.R — expected values for tests/test_glmnb.c.
# R version 4.2.2, package MASS.  Run from the repository root:
#   Rscript tests/reference/regress_glmnb.R
# Data: tests/data/reg_posts.csv (written by tests/reference/regress_ols.R) and
# tests/data/reg_pois.csv (written here: Poisson counts, no overdispersion).
suppressMessages(library(MASS))
d <- read.csv("tests/data/reg_posts.csv")
p17 <- function(name, x) cat(name, "=", paste(formatC(x, digits = 17, format = "g"), collapse = ", "), "\n")
f <- glm.nb(likes ~ log(followers) + sponsored + offset(log(followers)), data = d)
s <- summary(f)
p17("nb_coef", coef(f))
p17("nb_se", s$coefficients[, 2])
p17("nb_z", s$coefficients[, 3])
p17("nb_p", s$coefficients[, 4])
p17("nb_theta", c(f$theta, f$SE.theta))
p17("nb_loglik", logLik(f))
p17("nb_aic", AIC(f))
p17("nb_deviance", deviance(f))
fp <- glm(likes ~ log(followers) + sponsored + offset(log(followers)), family = poisson, data = d)
p17("pois_coef", coef(fp))
p17("pois_se", summary(fp)$coefficients[, 2])
p17("pois_loglik", logLik(fp))
lr <- 2 * (as.numeric(logLik(f)) - as.numeric(logLik(fp)))
p17("lr", c(lr, 0.5 * pchisq(lr, 1, lower.tail = FALSE)))
# Near-Poisson data: theta diverges (glm.nb warns "iteration limit reached")
set.seed(7)
n <- 200
pd <- data.frame(x = round(runif(n, 0, 2), 6), e = round(runif(n, 1, 5), 6))
pd$y <- rpois(n, pd$e * exp(0.3 + 0.5 * pd$x))
write.csv(pd, "tests/data/reg_pois.csv", row.names = FALSE, quote = FALSE)
pd <- read.csv("tests/data/reg_pois.csv")
fp2 <- glm(y ~ x + offset(log(e)), family = poisson, data = pd)
p17("pois2_coef", coef(fp2))
p17("pois2_se", summary(fp2)$coefficients[, 2])
p17("pois2_loglik", logLik(fp2))
f2 <- suppressWarnings(glm.nb(y ~ x + offset(log(e)), data = pd))
p17("nb2_theta", f2$theta)

# Issue 16: extreme zero inflation (tests/test_glmnb.c test_nb_failed,
# tests/cli/regress-count-failed.t).  90% zeros, the rest NB(mu = 500, size = 3).
set.seed(1)
n <- 2000
followers <- round(10^runif(n, 3, 6))
z <- rbinom(n, 1, 0.1)
likes <- ifelse(z == 1, rnbinom(n, mu = 500, size = 3), 0)
write.csv(data.frame(handle = sprintf("a%04d", 1:n), followers = followers, avg_likes = likes, avg_comments = 0),
          "tests/data/regress-zinb.csv", row.names = FALSE, quote = FALSE)
zd <- read.csv("tests/data/regress-zinb.csv")
zf <- log10(zd$followers)
fz <- withCallingHandlers(glm.nb(avg_likes ~ zf + offset(log(followers)), data = zd),
                          warning = function(w) { cat("warning:", conditionMessage(w), "\n"); invokeRestart("muffleWarning") })
p17("zinb_glmnb_theta", fz$theta)
p17("zinb_glmnb_loglik", fz$twologlik / 2)
p17("zinb_pois_loglik", logLik(glm(avg_likes ~ zf + offset(log(followers)), family = poisson, data = zd)))
# The NB log-likelihood at theta = 4.2e-4 (beta by glm with theta fixed) is far above
# glm.nb's: glm.nb's theta is no maximum, the alternation failed.
g <- suppressWarnings(glm(avg_likes ~ zf + offset(log(followers)), family = negative.binomial(4.2e-4),
                          data = zd, control = glm.control(maxit = 100)))
p17("zinb_loglik_theta_4.2e-4", sum(dnbinom(zd$avg_likes, size = 4.2e-4, mu = fitted(g), log = TRUE)))
# Output (R 4.2.2, MASS 7.3-58.2):
# warning: iteration limit reached
# warning: NaNs produced
# warning: iteration limit reached
# warning: NaNs produced
# zinb_glmnb_theta = 589826.08454745694
# zinb_glmnb_loglik = -255540.9186031241
# zinb_pois_loglik = -255596.12571860224
# zinb_loglik_theta_4.2e-4 = -3084.1304809020494
