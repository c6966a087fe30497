# --reference FILE: the published benchmarks (a band summary, percent detected) beside
# the data's band medians, in a table of the report and in results.json (micro is on
# two platforms there and the data have none: no row for it, as es_reference_find says;
# nano 3.34 is R's median, tests/data/describe-r.csv).
args: report tests/data/accounts-r.csv -o $TMP/r --boot 50 --perm 99 --min-n 5 --no-figures --reference tests/data/ref-bands.csv --only bands
exit: 0
check: grep -q 'These data beside the published benchmarks of ref-bands.csv' $TMP/r/report.md
check: grep -q '| nano | 3.34 | Nano (1k-10k) | 3.50 | 2.00–5.00 |' $TMP/r/report.md
check: python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); t=j["tables"]["reference"]; c=t["columns"]; r=[x for x in t["rows"] if x[c.index("band")]=="nano"][0]; assert abs(r[c.index("reference_median")] - 0.035) < 1e-12, r' $TMP/r/results.json
