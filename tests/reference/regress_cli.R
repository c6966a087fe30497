# Reference for tests/cli/regress-r-golden.t (R 4.2.2, sandwich 3.0-2).
# Run from the repository root: Rscript tests/reference/regress_cli.R
library(sandwich)
d <- read.csv("tests/data/accounts-r.csv")
d$er <- (d$avg_likes + d$avg_comments) / d$followers
m <- lm(log10(er) ~ log10(followers), d)
g <- function(x) formatC(x, digits = 10, format = "g")
print(g(coef(m)))
print(g(sqrt(diag(vcovHC(m, type = "HC3")))))
# Output:
#      (Intercept) log10(followers)
#   "-1.190893484" "-0.07423637988"
#      (Intercept) log10(followers)
#   "0.1239238841"  "0.02324730037"

# Issue 16, tests/cli/regress-perfect-fit.t: every account of tests/data/regress-same-er.csv
# has ER = 0.02, so log10(ER) is constant.  R 4.2.2's lm fits the constant exactly and
# summary() prints an F that is rounding noise, with a warning:
s <- summary(lm(log10((avg_likes + avg_comments) / followers) ~ log10(followers),
                read.csv("tests/data/regress-same-er.csv")))
print(s$fstatistic)
# Warning message:
# In summary.lm(f) : essentially perfect fit: summary may be unreliable
#    value    numdf    dendf
# 14.74232  1.00000 10.00000
# engagestat detects the zero residual variance and reports no F, t, p or interval (null).
