#!/usr/bin/env python3
"""Independent micro/mega ratio of median account ER (standard library only), for the
shared-dataset CLI cases.  Account ER = median over the account's posts of NUM/DEN;
followers = median over its posts; micro = [10k, 50k), mega = [1M, inf) (hypeauditor).
Usage: micro_mega.py FILE ACCOUNT FOLLOWERS DEN NUM [NUM...] [--where COL=VAL]...
K/M/B suffixes ("304.9K") are read as the loader reads them."""
import csv, statistics, sys

def num(s):
    s = (s or "").strip().replace(",", "")
    mult = {"K": 1e3, "M": 1e6, "B": 1e9}.get(s[-1:].upper(), 1)
    if mult != 1:
        s = s[:-1]
    try:
        return float(s) * mult
    except ValueError:
        return None

args = [a for a in sys.argv[1:] if not a.startswith("--where")]
where = [a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--where=")]
path, acc, fol, den, *nums = args
conds = [w.split("=", 1) for w in where]
per = {}
with open(path, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if any(r[c] != v for c, v in conds):
            continue
        vals = [num(r[n]) for n in nums]
        d, fo = num(r[den]), num(r[fol])
        if fo is None or fo <= 0:  # the loader rejects such rows
            continue
        if None in vals or d is None or d <= 0:
            continue
        per.setdefault(r[acc], []).append((sum(vals) / d, fo))
micro, mega = [], []
for posts in per.values():
    er = statistics.median(p[0] for p in posts)
    fo = statistics.median(p[1] for p in posts)
    if 1e4 <= fo < 5e4:
        micro.append(er)
    elif fo >= 1e6:
        mega.append(er)
print(len(micro), len(mega), "%.6f" % (statistics.median(micro) / statistics.median(mega)))
