#!/usr/bin/env python3
"""tests/data/rising.csv: 240 accounts whose engagement rate RISES with followers
(elasticity +0.15 on log10 followers from 1k to 20M, lognormal noise sd 0.25), for the
claims test: "micro out-engage larger accounts" must be "not supported" there.
Run from the repository root: python3 tests/reference/make_rising.py"""
import random

random.seed(20261201)
with open("tests/data/rising.csv", "w") as fh:
    fh.write("handle,followers,avg_likes,avg_comments\n")
    for i in range(240):
        lf = random.uniform(3.0, 7.3)
        f = round(10 ** lf)
        er = 10 ** (-2.2 + 0.15 * (lf - 3) + random.gauss(0, 0.25))
        fh.write("r%03d,%d,%d,%d\n" % (i, f, round(f * er * 0.95), round(f * er * 0.05)))
