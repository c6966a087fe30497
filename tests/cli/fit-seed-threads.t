# (move to tests/cli/fit-seed-threads.t) The same seed gives the same bootstrap p-values (The command lines differ, by --threads; the rest is byte-identical.)
# for any thread count; another seed gives others.
args: fit tests/data/accounts-r.csv --boot 40 --seed 5 --threads 1 --format json -o $TMP/t1.json
check: $ES_PROGRAM fit tests/data/accounts-r.csv --boot 40 --seed 5 --threads 2 --format json -o $TMP/t2.json && sed "s/\"command_line\": \"[^\"]*\", //" $TMP/t1.json > $TMP/a.json && sed "s/\"command_line\": \"[^\"]*\", //" $TMP/t2.json > $TMP/b.json && ! grep -q command_line $TMP/a.json $TMP/b.json && cmp $TMP/a.json $TMP/b.json
check: $ES_PROGRAM fit tests/data/accounts-r.csv --boot 40 --seed 6 --threads 2 --format json -o $TMP/t3.json && ! cmp -s $TMP/t1.json $TMP/t3.json
