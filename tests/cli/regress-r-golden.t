# Coefficients and HC3 standard errors equal R's lm + sandwich::vcovHC
# (tests/reference/regress_cli.R): -1.190893484 (0.1239238841), -0.07423637988 (0.02324730037).
args: regress tests/data/accounts-r.csv --format csv --digits 10
stdout-contains: (Intercept),-1.190893484,0.1239238841,
stdout-contains: log10(followers),-0.07423637988,0.02324730037,
