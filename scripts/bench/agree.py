"""agree.py: do engagestat, R and Python give the same numbers on the canonical pipeline?

Run: python3 scripts/bench/agree.py [--tol 1e-9] [--boot-tol 0.5] NAME=SOURCE ...
  SOURCE is either a CSV written by pipeline.R / pipeline.py (quantity,group,value) or
  engagestat output: a report's results.json, or several JSON files of the separate
  commands joined with '+', each PREFIX:FILE (PREFIX describe, describe_niche, compare,
  regress, fit: the analysis name the report uses for that command's tables).
For each quantity it prints the largest relative difference |a-b|/max(|a|,|b|) over
its groups for every pair of sources, and for the bootstrap interval ends the largest
|a-b| in units of the bootstrap standard error of the median (sd of R's replicates).
A quantity one source does not compute is n/a (the report's regression has no niche
effects).  engagestat writes 15 significant digits, so 1e-14 is the floor of what can be seen.
Exit status 1 when a point estimate differs by more than --tol (relative) or an
interval end by more than --boot-tol standard errors; the gamma rows from R are
reported but not held to --tol (fitdistrplus stops at optim's tolerance, see README).
Standard library only.
"""
import csv
import json
import sys

BANDS = ["nano", "micro", "mid", "macro", "mega"]
POINT = ["n", "mean", "sd", "median", "q25", "q75", "median_niche", "kw_statistic", "mw_statistic",
         "cliff_delta", "ols_slope", "ols_se_hc3", "lnorm_meanlog", "lnorm_sdlog", "gamma_shape",
         "gamma_rate"]
BOOT = ["boot_ci_low", "boot_ci_high"]


def rows_of(t):
    cols = t["columns"]
    return [dict(zip(cols, r)) for r in t["rows"]]


def from_tables(tables):
    v = {}

    def put(q, g, x):
        if x is not None:
            v[(q, g)] = float(x)

    for r in rows_of(tables["describe.describe"]):
        if r["band"] in BANDS:
            put("n", r["band"], r["n_accounts"])
            for q in ("mean", "sd", "median", "q25", "q75"):
                put(q, r["band"], r[q])
    for r in rows_of(tables["describe_niche.describe"]):
        if r["band"] in BANDS:
            put("median_niche", "%s|%s" % (r["band"], r["niche"]), r["median"])
    for r in rows_of(tables["compare.omnibus"]):
        if r["test"] == "kruskal_wallis":
            put("kw_statistic", "all", r["statistic"])
    for r in rows_of(tables["compare.pairwise"]):
        if r["comparison"] == "micro vs mega" and r["group"] == "all" and r["test"] == "mann_whitney":
            put("mw_statistic", "micro_vs_mega", r["statistic"])
            if r["effect_size"] == "cliff_delta":
                put("cliff_delta", "micro_vs_mega", r["effect"])
    # only a regression with the niche effects is the pipeline's model (the report's
    # scaling section fits log10(ER) on log10(followers) alone: not compared)
    coef = rows_of(tables["regress.coefficients"]) if "regress.coefficients" in tables else []
    if any(str(r["term"]).startswith("niche") for r in coef):
        for r in coef:
            if r["term"] == "log10(followers)":
                put("ols_slope", "log10_followers", r["estimate"])
                put("ols_se_hc3", "log10_followers", r["se"])
    names = {("lognormal", "meanlog"): "lnorm_meanlog", ("lognormal", "sdlog"): "lnorm_sdlog",
             ("gamma", "shape"): "gamma_shape", ("gamma", "rate"): "gamma_rate"}
    for r in rows_of(tables["fit.parameters"]):
        q = names.get((r["distribution"], r["parameter"]))
        if q and r["band"] in BANDS:
            put(q, r["band"], r["estimate"])
    for r in rows_of(tables["describe.intervals"]):
        if r["band"] in ("micro", "mega") and r["statistic"] == "median" and r["method"] == "bootstrap percentile":
            put("boot_ci_low", r["band"], r["ci_low"])
            put("boot_ci_high", r["band"], r["ci_high"])
    return v


def load(src):
    if src.endswith(".csv"):
        with open(src, newline="") as f:
            return {(r["quantity"], r["group"]): float(r["value"]) for r in csv.DictReader(f)}
    tables = {}
    for part in src.split("+"):
        if ":" in part:
            prefix, path = part.split(":", 1)
            with open(path) as f:
                for k, t in json.load(f)["tables"].items():
                    tables["%s.%s" % (prefix, k)] = t
        else:
            with open(part) as f:
                tables.update(json.load(f)["tables"])
    return from_tables(tables)


def rel(a, b):
    m = max(abs(a), abs(b))
    return 0.0 if m == 0 else abs(a - b) / m


def main():
    tol, boot_tol, srcs = 1e-9, 0.5, []
    args = sys.argv[1:]
    while args:
        a = args.pop(0)
        if a == "--tol":
            tol = float(args.pop(0))
        elif a == "--boot-tol":
            boot_tol = float(args.pop(0))
        else:
            name, src = a.split("=", 1)
            srcs.append((name, load(src)))
    se = {}
    for _, v in srcs:
        for (q, g), x in v.items():
            if q == "boot_se":
                se.setdefault(g, x)
    pairs = [(i, j) for i in range(len(srcs)) for j in range(i + 1, len(srcs))]
    head = ["quantity", "groups"] + ["%s vs %s" % (srcs[i][0], srcs[j][0]) for i, j in pairs]
    print("| " + " | ".join(head) + " |")
    print("|---|---:|" + "---:|" * len(pairs))
    bad = []
    for q in POINT + BOOT:
        groups = sorted({g for _, v in srcs for (qq, g) in v if qq == q})
        if not groups:
            continue
        cells = []
        for i, j in pairs:
            a, b = srcs[i][1], srcs[j][1]
            worst, missing = 0.0, 0
            for g in groups:
                if (q, g) not in a or (q, g) not in b:
                    missing += 1
                    continue
                d = abs(a[(q, g)] - b[(q, g)]) / se[g] if q in BOOT else rel(a[(q, g)], b[(q, g)])
                worst = max(worst, d)
            cell = ("%.2f SE" if q in BOOT else "%.1e") % worst
            if missing == len(groups):
                cells.append("n/a")  # not computed by one of the two
                continue
            if missing:
                cell += " (%d missing)" % missing
                bad.append("%s: %s vs %s, %d groups missing" % (q, srcs[i][0], srcs[j][0], missing))
            limit = boot_tol if q in BOOT else tol
            lenient = q.startswith("gamma_") and "R" in (srcs[i][0], srcs[j][0])
            if worst > limit and not lenient:
                bad.append("%s: %s vs %s differ by %s" % (q, srcs[i][0], srcs[j][0], cell))
                cell += " !"
            cells.append(cell)
        print("| %s | %d | %s |" % (q, len(groups), " | ".join(cells)))
    print()
    print("tolerances: point estimates %g relative (R's gamma rows excepted: fitdistrplus stops "
          "at optim's tolerance); bootstrap interval ends %g x the bootstrap SE of the median" % (tol, boot_tol))
    for b in bad:
        print("DISAGREE: " + b)
    return 1 if bad else 0


sys.exit(main())
