# (move to tests/cli/fit-seed-threads.t) The same seed gives the same bootstrap p-values
# for any thread count; another seed gives others.
args: fit tests/data/accounts-r.csv --boot 40 --seed 5 --threads 1 --format json -o $TMP/t1.json
check: $ES_PROGRAM fit tests/data/accounts-r.csv --boot 40 --seed 5 --threads 2 --format json -o $TMP/t2.json && cmp $TMP/t1.json $TMP/t2.json
check: $ES_PROGRAM fit tests/data/accounts-r.csv --boot 40 --seed 6 --threads 2 --format json -o $TMP/t3.json && ! cmp -s $TMP/t1.json $TMP/t3.json
