# A load that fails leaves an existing OUT untouched, and no temporary file behind.
args: export tests/data/unterminated.csv -o $TMP/out.csv --rejects $TMP/rej.csv
exit: 1
stderr-contains: unterminated.csv
check: test ! -e "$TMP/out.csv" && test ! -e "$TMP/rej.csv"
check: echo before > "$TMP/keep.csv" && ! $ES_PROGRAM export tests/data/unterminated.csv -o "$TMP/keep.csv" 2>/dev/null && test "$(cat "$TMP/keep.csv")" = before && test "$(ls "$TMP" | grep -c tmp)" = 0
