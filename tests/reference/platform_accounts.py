#!/usr/bin/env python3
"""Independent counts for tests/data/platform-accounts.csv (test_engagement.c,
tests/cli/units-platform-accounts.t, units-max-er-ledger.t):
    python3 tests/reference/platform_accounts.py [MAX_ER]
An account is (platform, account); ER = (likes+comments)/followers per post, account
ER = median over its posts with a defined ER, followers = median; bands hypeauditor."""
import csv, statistics, sys
from collections import defaultdict
max_er = float(sys.argv[1]) if len(sys.argv) > 1 else float("inf")
edges, names = [1000, 10000, 50000, 500000, 1000000], ["nano", "micro", "mid", "macro", "mega"]
band = lambda f: next((names[i] for i in reversed(range(5)) if f >= edges[i]), "below")
rows = list(csv.DictReader(open("tests/data/platform-accounts.csv")))
acc, lost = defaultdict(list), defaultdict(list)
ledger_rows = defaultdict(int)
for r in rows:
    key = (r["platform"], r["account"])
    f = float(r["followers"])
    if r["likes"] == "NA" or r["comments"] == "NA":
        why = "missing count"
    elif (float(r["likes"]) + float(r["comments"])) / f > max_er:
        why = "above --max-er"
    else:
        acc[key].append(((float(r["likes"]) + float(r["comments"])) / f, f))
        continue
    ledger_rows[(band(f), why)] += 1
    lost[key].append((why, f))
units = {k: (statistics.median(e for e, _ in v), statistics.median(f for _, f in v)) for k, v in acc.items()}
print("accounts", len(units))
print("split names", sum(1 for n in {a for _, a in units} if sum(1 for _, b in units if b == n) > 1))
print("followers vary", sum(1 for v in acc.values() if len({f for _, f in v}) > 1))
for k in sorted(units):
    print("unit", k, "er %.17g followers %g band %s" % (units[k][0], units[k][1], band(units[k][1])))
print("posts with ER > 1", sum(1 for v in acc.values() for e, _ in v if e > 1))
print("suspect (ER > 1) by band", {b: sum(1 for e, f in units.values() if e > 1 and band(f) == b) for b in names})
print("ledger rows", dict(ledger_rows))
gone = defaultdict(int)
for k, v in lost.items():
    if k not in units:
        worst = "above --max-er" if any(w == "above --max-er" for w, _ in v) else "missing count"
        gone[(band(statistics.median(f for _, f in v)), worst)] += 1
print("ledger units", dict(gone))
