# Issue 16: long resampling loops show their progress on standard error: on a terminal
# (one line redrawn, after 2 s), with ES_PROGRESS=1 anywhere (lines after 2 s, every
# 10 s, and a "done" line), with ES_PROGRESS=always for every loop however short (as
# here).  Not on a file or pipe by default, and never on standard output: the results
# are the same either way.
args: compare tests/data/accounts-r.csv --boot 0 --digits 12 --format csv --perm 5000 --seed 5
stdout-lacks: engagestat:
check: ! grep -q 'permutation test' $TMP/got.err
check: ES_PROGRESS=always $ES_PROGRAM compare tests/data/accounts-r.csv --boot 0 --digits 12 --format csv --perm 5000 --seed 5 2>$TMP/p.err >$TMP/p.out && grep -q '^engagestat: permutation test: 1 of 5000 permutations (0%)$' $TMP/p.err && grep -q '^engagestat: permutation test: 5000 permutations done in ' $TMP/p.err
check: cmp -s $TMP/got.out $TMP/p.out
check: ! ES_PROGRESS=0 $ES_PROGRAM compare tests/data/accounts-r.csv --boot 0 --format csv --perm 5000 --seed 5 2>&1 >/dev/null | grep -q "permutation test"
check: ES_PROGRESS=always $ES_PROGRAM describe tests/data/accounts-r.csv --boot 3000 2>&1 >/dev/null | grep -qx 'engagestat: bootstrap: 3000 replicates done in [0-9.]* s'
check: ! ES_PROGRESS=1 $ES_PROGRAM describe tests/data/accounts-r.csv --boot 300 2>&1 >/dev/null | grep -q bootstrap
check: ES_PROGRESS=yes $ES_PROGRAM bands 2>&1 >/dev/null | grep -qx 'engagestat: ES_PROGRESS=yes: expected 0, 1 or always (no progress is shown)'
