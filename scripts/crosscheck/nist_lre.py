#!/usr/bin/python3
"""nist_lre.py — the NIST StRD table of docs/accuracy.md (`make nist-lre`).

Runs the unit suites that measure engagestat's log relative errors on the NIST StRD
datasets (descriptive, ols, welch in tests/; they read the certified values from
../shared/reference/nist-strd/ and print their LREs), reads R's and GSL's
LREs from reference/nist-strd/anchor-lre.md, and prints the markdown tables: each cell
"engagestat / R / GSL (or naive C) / E".  Usage: nist_lre.py RUNNER [ANCHOR]
"""
import os
import re
import subprocess
import sys


def anchor_rows(path):
    """dataset -> list of cells (each a list of floats) per table, by table title."""
    tables, cur = {}, None
    for line in open(path):
        if line.startswith("### "):
            cur = tables.setdefault(line[4:].split(":")[0].strip(), {})
        elif cur is not None and line.startswith("| ") and not line.startswith("| dataset") and "---" not in line:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            cur[cells[0]] = cells[1:]
    return tables


def suite(runner, name):
    p = subprocess.run([runner, name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.stdout


def rows(out, pattern, table):
    """(match, anchor cells) for each line of a suite's output naming a dataset of table."""
    for m in re.finditer(pattern, out, re.M):
        if m.group(1) in table:
            yield m, table[m.group(1)]


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    runner = sys.argv[1]
    anchor = sys.argv[2] if len(sys.argv) > 2 else "../shared/reference/nist-strd/anchor-lre.md"
    if not os.path.exists(anchor):
        print("nist_lre.py: reference/nist-strd/anchor-lre.md not found (../shared)", file=sys.stderr)
        return 2
    a = anchor_rows(anchor)
    uni, lin, aov = a["Univariate"], a["Linear regression"], a["One-way ANOVA"]

    print("### Univariate summary statistics: LRE engagestat / R 4.2.2 / GSL 2.7 / E\n")
    print("| dataset | level | mean | sd |\n|---|---|---|---|")
    out = suite(runner, "descriptive")
    for m, c in rows(out, r"^\s+(\w+)\s+([\d.]+)\s+[\d.]+\s+([\d.]+)\s+[\d.]+\s*$", uni):
        print(f"| {m.group(1)} | {c[0]} | {m.group(2)} / {c[1]} | {m.group(3)} / {c[2]} |")

    print("\n### Linear regression (OLS by Householder QR): LRE engagestat / R 4.2.2 lm / GSL 2.7 / E\n")
    print("Minimum over coefficients and over SEs.  engagestat's figure is on the design formed in")
    print("double precision, as R and GSL form it (the CLI's path); in brackets, on the design formed")
    print("in long double (the exact powers NIST certifies).  Filip: R with its default tol drops")
    print("x^10 (0.0); the second R figure is R with tol = 1e-10; E is on the rounded design.\n")
    print("| dataset | level | coefficients | std. errors | residual SD | R-squared |\n|---|---|---|---|---|---|")
    out = suite(runner, "ols")
    lines = out.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^\s+(\w+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+\[", line)
        if not m or m.group(1) not in lin or i + 1 >= len(lines):
            continue
        dbl = re.match(r"^\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+\(double design, refined\)", lines[i + 1])
        if not dbl:
            continue
        c = lin[m.group(1)]
        cells = [f"{dbl.group(k + 1)} ({m.group(k + 2)}) / {c[k + 1]}" for k in range(4)]
        print(f"| {m.group(1)} | {c[0]} | " + " | ".join(cells) + " |")

    print("\n### One-way ANOVA: LRE engagestat / R 4.2.2 / naive C / E\n")
    print("engagestat on the data read into doubles, as R; the F column adds in brackets")
    print("engagestat on the data read into long double (the input's rounding removed).\n")
    print("| dataset | level | between MS | within MS | F | R-squared | residual SD |\n|---|---|---|---|---|---|---|")
    out = suite(runner, "welch")
    for m, c in rows(out, r"^\s+(\w+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+\|\s+([\d.]+)\s*;", aov):
        d = m.group(1)
        cells = [f"{m.group(k + 2)} / {c[k + 1]}" for k in range(5)]
        cells[2] = f"{m.group(4)} ({m.group(7)}) / {c[3]}"
        print(f"| {d} | {c[0]} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
