# reproduce on two files, each with its own options after a lone '+': each dataset's
# (the ratios: tests/reference/claims.R, R 4.2.2: accounts-r.csv baseline 1.3952733998320392,
# rising.csv likes 0.46460357320894641)
# report in DIR/LABEL, the report across them in DIR.
valgrind: skip
args: reproduce -o $TMP/r --boot 50 --perm 99 --min-n 5 --no-figures tests/data/accounts-r.csv --label accounts + tests/data/rising.csv --label rising --er likes/followers
exit: 0
stdout-contains: accounts: micro/mega median ER ratio 1.40 [
stdout-contains: rising: micro/mega median ER ratio 0.46 [
stdout-contains: across the datasets:
check: test -s $TMP/r/accounts/report.html && test -s $TMP/r/rising/report.html && test -s $TMP/r/report.html && test -s $TMP/r/tables/datasets.csv
check: grep -q '| rising | er=likes/followers;' $TMP/r/report.md && grep -q '| accounts | er=likes+comments/followers;' $TMP/r/report.md
check: python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["command"] == "reproduce"; t=j["tables"]["datasets"]; c=t["columns"]; r={x[0]: x[c.index("ratio")] for x in t["rows"]}; assert abs(r["accounts"] - 1.3952733998320392) < 1e-12 and abs(r["rising"] - 0.46460357320894641) < 1e-12, r' $TMP/r/results.json
check: ! ls -d $TMP/r.tmp.* 2>/dev/null
check: grep -q '^## Across the datasets$' $TMP/r/report.md && grep -q '^- rising not pooled: definition differs: er: likes/followers vs likes+comments/followers$' $TMP/r/report.md
check: python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); t=j["tables"]; assert "meta_datasets" in t and "meta_pooled" in t, sorted(t); assert j["values"]["meta_k"] == 1, j["values"]' $TMP/r/results.json
