"""gen.py — the cross-check's deterministic case generator (scripts/crosscheck/README.md).

Case i of seed S is drawn from numpy's PCG64 seeded with (S, i) alone, so a case does not
depend on how many cases run, and CROSSCHECK_CASES=N extends the CI budget's cases.
Every case is an account-level CSV: account, followers, likes, niche, rate.  The bands are
fixed edges 1, 10000, 100000 (lo, mid, hi); followers are drawn inside each band, never on
an edge, so engagestat and R put every row in the same band without sharing code.
"""
import numpy as np

EDGES = (1, 10000, 100000)
BANDS = ("lo", "mid", "hi")
SHAPES = ("lognormal", "ties", "zeros", "missing", "extreme", "one_niche", "n1", "all_equal")


def case_size(rng, i):
    """Sizes 2 to 100k: every 40th case 100k, every 8th 2-5, else log-uniform 6..20000."""
    if i % 40 == 39:
        return 100000
    if i % 8 == 0:
        return int(rng.integers(2, 6))
    return int(round(np.exp(rng.uniform(np.log(6), np.log(20000)))))


def followers_in(rng, band, k):
    lo = [2, 10001, 100001][band]
    hi = [9999, 99999, 20000000][band]
    return np.floor(np.exp(rng.uniform(np.log(lo), np.log(hi), k))).astype(np.int64)


def make_case(seed, i):
    """Returns (meta, rows): meta describes the case, rows are lists of CSV cells."""
    rng = np.random.default_rng([seed, i])
    shape = SHAPES[i % len(SHAPES)]
    n = case_size(rng, i)
    # band sizes: a multinomial split; the n1 shape forces a band of one
    p = rng.dirichlet([2.0, 2.0, 2.0])
    sizes = rng.multinomial(n, p)
    if shape == "n1" and n >= 3:
        b = int(rng.integers(0, 3))
        rest = n - 1
        sizes = rng.multinomial(rest, [0.5, 0.5])
        sizes = np.insert(sizes, b, 1)
    band = np.repeat(np.arange(3), sizes)
    rng.shuffle(band)
    followers = np.empty(n, dtype=np.int64)
    for b in range(3):
        idx = np.flatnonzero(band == b)
        followers[idx] = followers_in(rng, b, len(idx))
    # ER: lognormal around a band-specific median that falls with followers
    meanlog = np.array([-3.0, -3.4, -3.9])[band] + rng.normal(0, 0.3)
    sdlog = rng.uniform(0.3, 1.5)
    er = np.exp(rng.normal(meanlog, sdlog))
    if shape == "ties":
        levels = np.exp(rng.normal(-3.5, 0.8, int(rng.integers(1, 8))))
        er = rng.choice(levels, n)
    elif shape == "zeros":
        er[rng.random(n) < rng.uniform(0.05, 0.5)] = 0.0
    elif shape == "extreme":
        # one band (or the whole file) rescaled by 10^k, |k| up to 300: values stay
        # representable and positive, squared deviations may not (sd, var; see accuracy.md)
        k = int(rng.choice([-300, -200, -100, -30, 30, 100, 200, 300]))
        sel = band == int(rng.integers(0, 3)) if rng.random() < 0.5 else np.ones(n, bool)
        er[sel] = er[sel] * 10.0 ** k
    elif shape == "all_equal":
        b = int(rng.integers(0, 3))
        er[band == b] = float(np.round(np.exp(rng.normal(-3.5, 0.5)), 6))
    # niches: 1 to 3 levels; one_niche gives one band a single niche
    nlev = int(rng.integers(1, 4)) if shape != "one_niche" else 3
    niche = rng.integers(0, nlev, n)
    if shape == "one_niche":
        niche[band == int(rng.integers(0, 3))] = 0
    # likes: NB2 counts, overdispersed (theta 0.5 to 5), independent of the rate
    theta = rng.uniform(0.5, 5.0)
    mu = 0.03 * followers ** 0.85
    likes = rng.negative_binomial(theta, theta / (theta + mu))
    rate = [repr(float(v)) for v in er]
    missing = 0
    if shape == "missing":
        m = rng.random(n) < rng.uniform(0.02, 0.3)
        if m.all():
            m[0] = False
        for j in np.flatnonzero(m):
            rate[j] = "" if j % 2 else "NA"
        missing = int(m.sum())
    rows = [[f"a{j}", str(int(followers[j])), str(int(likes[j])), "n%d" % niche[j], rate[j]] for j in range(n)]
    meta = {"id": i, "shape": shape, "n": n, "missing": missing, "sizes": [int(s) for s in sizes]}
    return meta, rows


def write_case(path, rows):
    with open(path, "w") as f:
        f.write("account,followers,likes,niche,rate\n")
        for r in rows:
            f.write(",".join(r) + "\n")
