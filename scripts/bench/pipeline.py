"""pipeline.py: the canonical pipeline of issue 15 in Python, for the engagestat benchmark.

Debian 12: python3 3.11, pandas 1.5.3, scipy 1.10.1, statsmodels 0.13.5, numpy 1.24.
Run: python3 scripts/bench/pipeline.py FILE OUT.csv [B] [SEED]

load (pandas.read_csv, C engine, only the five columns the pipeline uses) -> per-post
ER (likes+comments)/followers -> account ER = mean of its posts -> HypeAuditor bands
[1k,10k) [10k,50k) [50k,500k) [500k,1M) [1M,inf) -> per band n, mean, sd (n-1), median,
q25, q75 (linear, = R type 7), median per band x niche -> Kruskal-Wallis across bands
(scipy.stats.kruskal), Mann-Whitney micro vs mega (scipy.stats.mannwhitneyu, normal
approximation with continuity correction) with Cliff's delta = 2U/(n1 n2) - 1 -> OLS
log10(ER) ~ log10(followers) + niche (accounts with ER > 0; statsmodels, cov_type HC3)
-> lognormal MLE (closed form) and gamma MLE (Newton on log k - digamma(k) = log mean
- mean log, the profile likelihood's score) per band, ER > 0 -> bootstrap 95%
percentile CI of the micro and mega medians (B = 2000, numpy Generator PCG64, linear
quantiles).  Writes OUT.csv (quantity,group,value, 17 significant digits); prints
"stage NAME SECONDS" per stage (time.perf_counter).
"""
import sys
import time

t_start = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy.special as sp  # noqa: E402
import scipy.stats as st  # noqa: E402
import statsmodels.api as sm  # noqa: E402

last = time.perf_counter()
print("stage startup %.3f" % (last - t_start), flush=True)


def stage(name):
    global last
    now = time.perf_counter()
    print("stage %s %.3f" % (name, now - last), flush=True)
    last = now


def gamma_mle(x):
    m, lm = x.mean(), np.log(x).mean()
    s = np.log(m) - lm
    k = (3 - s + np.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s)  # Minka's start
    for _ in range(100):
        f = np.log(k) - sp.digamma(k) - s
        step = f / (1 / k - sp.polygamma(1, k))
        k -= step
        if abs(step) <= 1e-15 * k:
            break
    return k, k / m


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: pipeline.py FILE OUT.csv [B] [SEED]")
    B = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    rows = []

    def put(q, g, v):
        rows.append((q, g, "%.17g" % v))

    d = pd.read_csv(sys.argv[1], usecols=["account_id", "niche", "followers", "likes", "comments"],
                    dtype={"account_id": str, "niche": "category"})
    stage("load")
    d["er"] = (d["likes"] + d["comments"]) / d["followers"]
    g = d.groupby("account_id", sort=False, observed=True)
    a = pd.DataFrame({"er": g["er"].mean(), "followers": g["followers"].first(),
                      "niche": g["niche"].first()})
    bands = ["nano", "micro", "mid", "macro", "mega"]
    a["band"] = pd.cut(a["followers"], [1000, 1e4, 5e4, 5e5, 1e6, np.inf], right=False, labels=bands)
    a = a[a["band"].notna()]
    stage("aggregate")
    by = a.groupby("band", observed=True)["er"]
    s = pd.DataFrame({"n": by.size(), "mean": by.mean(), "sd": by.std(ddof=1), "median": by.median(),
                      "q25": by.quantile(0.25), "q75": by.quantile(0.75)})
    for q in s.columns:
        for b, v in s[q].items():
            put(q, b, v)
    for (b, ni), v in a.groupby(["band", "niche"], observed=True)["er"].median().items():
        put("median_niche", "%s|%s" % (b, ni), v)
    stage("describe")
    groups = {b: a.loc[a["band"] == b, "er"].to_numpy() for b in bands}
    put("kw_statistic", "all", st.kruskal(*[groups[b] for b in bands]).statistic)
    mi, me = groups["micro"], groups["mega"]
    U = st.mannwhitneyu(mi, me, use_continuity=True, alternative="two-sided", method="asymptotic").statistic
    put("mw_statistic", "micro_vs_mega", U)
    put("cliff_delta", "micro_vs_mega", 2 * U / (len(mi) * len(me)) - 1)
    stage("tests")
    p = a[a["er"] > 0]
    X = pd.get_dummies(p["niche"], drop_first=True, dtype=float)
    X.insert(0, "log10_followers", np.log10(p["followers"].to_numpy(dtype=float)))
    X = sm.add_constant(X)
    fit = sm.OLS(np.log10(p["er"].to_numpy()), X).fit(cov_type="HC3")
    put("ols_slope", "log10_followers", fit.params["log10_followers"])
    put("ols_se_hc3", "log10_followers", fit.bse["log10_followers"])
    stage("ols")
    for b in bands:
        x = groups[b][groups[b] > 0]
        lx = np.log(x)
        put("lnorm_meanlog", b, lx.mean())
        put("lnorm_sdlog", b, lx.std(ddof=0))
        k, rate = gamma_mle(x)
        put("gamma_shape", b, k)
        put("gamma_rate", b, rate)
    stage("fit")
    rng = np.random.default_rng(seed)
    for b in ("micro", "mega"):
        x = groups[b]
        n = len(x)
        r = np.empty(B)
        chunk = max(1, min(B, 20_000_000 // max(n, 1)))  # at most 160 MB of indices at a time
        for i in range(0, B, chunk):
            j = min(B, i + chunk)
            r[i:j] = np.median(x[rng.integers(0, n, size=(j - i, n))], axis=1)
        put("boot_ci_low", b, np.quantile(r, 0.025))
        put("boot_ci_high", b, np.quantile(r, 0.975))
        put("boot_se", b, r.std(ddof=1))
    stage("bootstrap")
    pd.DataFrame(rows, columns=["quantity", "group", "value"]).to_csv(sys.argv[2], index=False)
    print("stage total %.3f" % (time.perf_counter() - t_start), flush=True)


main()
