# fit_scipy.py — cross-check of tests/data/fit_expected.csv (R 4.2.2) against scipy 1.10.1:
# does scipy's fit (loc fixed at 0; beta also scale 1) find a higher log-likelihood than the
# R values the C tests use?  Run from the repository root:
#   /usr/bin/python3 tests/reference/fit_scipy.py
# Output (2026-11-26): every row "R >= scipy" (scipy's optimiser stops short or equal)
# except nearconst/gamma (shape 8.4e9), where scipy's gamma.logpdf itself is off by ~1e-3:
# R's dgamma gives 123.9591558018 at scipy's estimate (8398780993.1, 8398781.195) and
# 123.9591558023 at ours, while scipy reports 123.95928 and 123.95842 for the same two
# points; so R's (and our) value stands.
import csv
import numpy as np
from scipy import stats

D = {"lnorm": lambda x: stats.lognorm.logpdf(x, *stats.lognorm.fit(x, floc=0)),
     "gamma": lambda x: stats.gamma.logpdf(x, *stats.gamma.fit(x, floc=0)),
     "weibull": lambda x: stats.weibull_min.logpdf(x, *stats.weibull_min.fit(x, floc=0)),
     "beta": lambda x: stats.beta.logpdf(x, *stats.beta.fit(x, floc=0, fscale=1)),
     "exp": lambda x: stats.expon.logpdf(x, *stats.expon.fit(x, floc=0))}
with open("tests/data/fit_expected.csv") as f:
    rows = [r for r in csv.DictReader(l for l in f if not l.startswith("#"))]
for r in rows:
    x = np.loadtxt("tests/data/fit_%s.txt" % r["data"])
    n = len(x)
    if r["dist"] == "beta" and np.any((x == 0) | (x == 1)):
        x = (x * (n - 1) + 0.5) / n
    ll = float(np.sum(D[r["dist"]](x)))
    R = float(r["loglik"])
    print("%-9s %-7s R %.12g scipy %.12g  %s" % (r["data"], r["dist"], R, ll,
          "R >= scipy" if R >= ll - 1e-9 * abs(R) else "SCIPY HIGHER"))
