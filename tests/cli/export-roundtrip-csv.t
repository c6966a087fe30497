# Exporting to CSV and describing the export gives the describe output of the original
# but for the input path and its SHA-256.
args: export tests/data/accounts-r.csv -o $TMP/out.csv
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 0 | grep -v '^sha256' | sed 's|tests/data/accounts-r\.csv|X|g' > "$TMP/a" && $ES_PROGRAM describe "$TMP/out.csv" --boot 0 | grep -v '^sha256' | sed "s|$TMP/out\.csv|X|g" > "$TMP/b" && cmp "$TMP/a" "$TMP/b" && test -s "$TMP/a"
check: test "$(wc -l < "$TMP/out.csv")" = 121
--- stdout
--- stderr
