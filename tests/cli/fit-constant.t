# Constant data (five values 0.05): no spread, so lognormal (sdlog 0), gamma, Weibull
# and beta have no fit, and the note says why (beta said "values outside [0, 1]");
# the exponential MLE exists: rate 20, loglik 9.97866136776995 as R 4.2.2's
# MASS::fitdistr (tests/reference/compare_issue16.R).
args: fit tests/data/h16-const.csv --column v --boot 0 --min-n 2 --format csv
stdout-contains: v,lognormal,5,0,2,,,,,,,,,,,,,undefined,all values equal: no spread to fit
stdout-contains: v,gamma,5,0,2,,,,,,,,,,,,,undefined,all values equal: no spread to fit
stdout-contains: v,weibull,5,0,2,,,,,,,,,,,,,undefined,all values equal: no spread to fit
stdout-contains: v,beta,5,0,2,,,,,,,,,,,,,undefined,all values equal: no spread to fit
stdout-contains: v,exponential,5,0,1,9.97866136776995,
stdout-lacks: outside [0, 1]
