# The report on a small account-level file: the headline is the ratio of the band
# medians R gives (tests/data/describe-r.csv, from tests/reference/describe.R, R 4.2.2:
# micro 0.0323250206038 / mega 0.023167517282 = 1.395), every file is there, and
# results.json keeps the contract's shape with every analysis under its name.
args: report tests/data/accounts-r.csv -o $TMP/r --boot 100 --perm 99 --min-n 5 --no-figures
exit: 0
stdout-contains: micro/mega median ER ratio 1.40 [
stdout-contains: /r/report.html, report.md, report.tex
check: for f in report.md report.html report.tex results.json tables/describe.describe.csv tables/compare.pairwise.csv tables/models.models.csv; do test -s $TMP/r/$f || { echo "missing $f"; exit 1; }; done
check: python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); t=j["tables"]; r=t["describe.ratio"]; c=r["columns"]; est=r["rows"][0][c.index("estimate")]; assert abs(est - 0.0323250206038/0.023167517282) < 1e-9, est; assert j["command"] == "report" and j["input"]["rows_read"] == 120; assert {"compare.pairwise", "models.models", "fit.fits", "regress.bins"} <= set(t), sorted(t); s=j["settings"]; assert s["seed"] == 1 and s["boot"] == 100 and "command_line" in s and "date" in s' $TMP/r/results.json
check: grep -q '^## Micro vs mega$' $TMP/r/report.md && grep -q '^## Provenance$' $TMP/r/report.md
check: ! ls -d $TMP/r.tmp.* 2>/dev/null
