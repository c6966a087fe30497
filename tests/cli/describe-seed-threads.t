# The same seed gives the same numbers for any thread count.
args: describe tests/data/accounts-r.csv --boot 300 --seed 9 --threads 1 --format json -o $TMP/t1.json
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 300 --seed 9 --threads 2 --format json -o $TMP/t2.json && cmp $TMP/t1.json $TMP/t2.json
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 300 --seed 10 --threads 2 --format json -o $TMP/t3.json && ! cmp -s $TMP/t1.json $TMP/t3.json
