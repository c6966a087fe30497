# reproduce on one file: the report with the claims and the sensitivity sections; the
# headline and the verdicts on standard output (tests/test_claims.c checks the numbers
# against R).
valgrind: skip
args: reproduce tests/data/rising.csv -o $TMP/r --boot 100 --perm 99 --min-n 5 --no-figures
exit: 0
stdout-contains: micro/mega median ER ratio 0.47 [
stdout-contains: claims: 1 not supported; 2 not testable; 3 not supported; 4 not supported
check: grep -q "^## The seed article's claims$" $TMP/r/report.md && grep -q '^## How much the answer depends on definitions$' $TMP/r/report.md
check: grep -q 'Verdict: micro \\> mega (interval above 1) holds in 0 of' $TMP/r/report.md
check: python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); t=j["tables"]; assert j["command"] == "report" and "claims.claims" in t and "sensitivity.sensitivity" in t, sorted(t)' $TMP/r/results.json
