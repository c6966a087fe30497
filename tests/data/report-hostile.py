#!/usr/bin/env python3
"""Generate tests/data/report-hostile.csv: a small post-level dataset whose niche names
are hostile to every output of `engagestat report` (HTML, LaTeX, Markdown, gnuplot, the
shell, file paths) plus a CJK and an emoji name.  8 niches x 15 accounts (6 micro, 3 mid,
6 mega under the default hypeauditor bands) x 3 posts, so that every niche passes
--min-n 5 in both bands of the micro vs mega comparison.  Deterministic (seed 13).
Run from the repository root: python3 tests/data/report-hostile.py > tests/data/report-hostile.csv
Used by tests/cli/report-hostile.t and the report suite (tests/report-suite.sh)."""
import csv
import random
import sys

NICHES = [
    "<script>alert(1)</script>",
    "\\input{/etc/passwd}",
    "\\write18{touch /tmp/es-report-pwned1}",
    "$(touch /tmp/es-report-pwned2)",
    '"; system("touch /tmp/es-report-pwned3") #',
    "../../es-report-x",
    "\u7f8e\u98df",            # 美食 (food), CJK
    "travel \U0001F30D",       # travel 🌍, emoji
]
# follower ranges per band (hypeauditor): micro 10k-50k, mid 50k-500k, mega 1M+
BANDS = [("micro", 6, 10_000, 50_000), ("mid", 3, 50_000, 500_000), ("mega", 6, 1_000_000, 5_000_000)]

rng = random.Random(13)
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["account_id", "platform", "niche", "followers", "post_id", "likes", "comments"])
acc = post = 0
for ni, niche in enumerate(NICHES):
    for band, n, lo, hi in BANDS:
        for _ in range(n):
            acc += 1
            followers = int(round(lo * (hi / lo) ** rng.random()))
            er = (0.05 if band == "micro" else 0.03 if band == "mid" else 0.015) * rng.lognormvariate(0, 0.35)
            platform = "instagram" if acc % 2 else "tiktok"
            for _ in range(3):
                post += 1
                likes = max(0, int(followers * er * rng.uniform(0.8, 1.2)))
                comments = max(0, int(likes * rng.uniform(0.01, 0.05)))
                w.writerow([f"a{acc:04d}", platform, niche, followers, f"p{post:05d}", likes, comments])
