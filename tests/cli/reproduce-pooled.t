# Two datasets with one definition are pooled: the random-effects summary (DerSimonian
# and Laird) and its forest plot across them (tests/test_meta.c checks es_meta_run
# against metafor 3.8.1).
valgrind: skip
requires: /usr/bin/gnuplot
args: reproduce -o $TMP/r --boot 100 --perm 99 --min-n 5 --figures fig1 tests/data/accounts-r.csv --label a + tests/data/rising.csv --label b
exit: 0
check: grep -q '^Random-effects summary (DerSimonian and Laird 1986) of the log ratios across the 2 datasets whose definitions match: ratio ' $TMP/r/report.md
check: test -s $TMP/r/figures/datasets_forest.png && test -s $TMP/r/figures/datasets_forest.pdf && grep -q 'data:image/png;base64,' $TMP/r/report.html
check: python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); v=j["values"]; assert v["meta_k"] == 2 and v["meta_ratio"] is not None and v["meta_i2"] is not None, v' $TMP/r/results.json
