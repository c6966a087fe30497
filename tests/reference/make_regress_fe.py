# make_regress_fe.py — writes tests/data/regress-fe60.csv: 420 accounts in 60 niches
# (n0007 the most frequent, so the reference level is the same in R and engagestat),
# log-uniform followers, niche effects and heteroskedastic log-normal noise.
# Run from the repository root: python3 tests/reference/make_regress_fe.py
import math
import random

random.seed(20261201)
G, N = 60, 420
eff = [random.gauss(0, 0.3) for _ in range(G)]
with open("tests/data/regress-fe60.csv", "w") as out:
    out.write("handle,followers,avg_likes,avg_comments,niche\n")
    for i in range(N):
        g = i % G if i < 2 * G else (7 if i < 2 * G + 20 else random.randrange(G))
        f = int(10 ** random.uniform(3, 7))
        lf = math.log10(f)
        er = 10 ** (-1.3 - 0.2 * lf + eff[g] + random.gauss(0, 0.1 + 0.05 * (lf - 3)))
        out.write(f"a{i:04d},{f},{er * f * 0.95:.3f},{er * f * 0.05:.3f},n{g:04d}\n")
