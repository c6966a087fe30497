# A JSON Lines copy of a CSV gives the same describe output but for the input path and
# its SHA-256 (the fixture: python3 scripts/csv2jsonl.py tests/data/accounts-r.csv >
# tests/data/accounts-r.jsonl).
args: describe tests/data/accounts-r.jsonl --boot 0
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 0 > "$TMP/csv.out"
check: grep -v '^sha256' "$TMP/csv.out" | sed 's|accounts-r\.csv|accounts-r.X|g' > "$TMP/a" && grep -v '^sha256' "$TMP/got.out" | sed 's|accounts-r\.jsonl|accounts-r.X|g' > "$TMP/b" && cmp "$TMP/a" "$TMP/b" && test -s "$TMP/a"
check: test "$(grep -c accounts-r "$TMP/got.out")" -ge 2
