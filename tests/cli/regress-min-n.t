# Below --min-n (default 10 units) a band gets no model contrast and a follower bin no
# interval, only a note (accounts-r.csv: macro has 7 accounts, the first bin 9); the
# estimates stay those of R (tests/reference/regress_run.R) when --min-n allows them.
args: regress tests/data/accounts-r.csv --ratio nano/macro --format csv --table predictions
stdout-contains: ratio_nano_over_macro,,,,,,n = 7 < min_n 10: no contrast
check: $ES_PROGRAM regress tests/data/accounts-r.csv --format csv --table bins | grep -q '^1,1267,.*,9,0.0245775729646697,,,n = 9 < min_n 10: no interval$'
check: $ES_PROGRAM regress tests/data/accounts-r.csv --ratio nano/macro --min-n 7 --format csv --digits 10 --table predictions | grep -q '^ratio_nano_over_macro,,1.485197239,.*,1.162133856,1.89806951,$'
check: $ES_PROGRAM regress tests/data/accounts-r.csv --min-n 7 --format json | grep -q '"min_n": 7'
