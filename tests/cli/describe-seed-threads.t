# The same seed gives the same numbers for any thread count. (The command lines differ, by --threads; the rest is byte-identical.)
args: describe tests/data/accounts-r.csv --boot 300 --seed 9 --threads 1 --format json -o $TMP/t1.json
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 300 --seed 9 --threads 2 --format json -o $TMP/t2.json && sed "s/\"command_line\": \"[^\"]*\", //" $TMP/t1.json > $TMP/a.json && sed "s/\"command_line\": \"[^\"]*\", //" $TMP/t2.json > $TMP/b.json && ! grep -q command_line $TMP/a.json $TMP/b.json && cmp $TMP/a.json $TMP/b.json
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 300 --seed 10 --threads 2 --format json -o $TMP/t3.json && ! cmp -s $TMP/t1.json $TMP/t3.json
