# Every output format; the JSON holds the coefficient table and the micro/mega contrast.
args: regress tests/data/accounts-r.csv --format md -o $TMP/r.md
check: grep -q 'log10(followers)' $TMP/r.md
check: $ES_PROGRAM regress tests/data/accounts-r.csv --format latex | grep -q 'toprule'
check: $ES_PROGRAM regress tests/data/accounts-r.csv --format tsv --table predictions | grep -q '^ratio_micro_over_mega'
check: $ES_PROGRAM regress tests/data/accounts-r.csv --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert [r[0] for r in d["tables"]["coefficients"]["rows"]]==["(Intercept)","log10(followers)"]'
