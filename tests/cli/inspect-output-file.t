# -o writes the file (atomically) and nothing on standard output.
args: inspect tests/data/accounts.tsv --format csv -o $TMP/cols.csv
check: grep -q '^2,followers,numeric,followers,0,,1000,20000$' "$TMP/cols.csv"
check: test -z "$(ls "$TMP" | grep tmp)"
--- stdout
