# Exporting to JSON Lines and describing the export gives the same describe output.
args: export tests/data/accounts-r.csv -o $TMP/out.jsonl
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 0 | grep -v '^sha256' | sed 's|tests/data/accounts-r\.csv|X|g' > "$TMP/a" && $ES_PROGRAM describe "$TMP/out.jsonl" --boot 0 | grep -v '^sha256' | sed "s|$TMP/out\.jsonl|X|g" > "$TMP/b" && cmp "$TMP/a" "$TMP/b" && test -s "$TMP/a"
check: test "$(wc -l < "$TMP/out.jsonl")" = 120
