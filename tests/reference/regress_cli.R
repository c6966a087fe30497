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
