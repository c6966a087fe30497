# Post-level file: CSV, JSON Lines, TSV and gzip exports all describe as the original.
args: export tests/data/posts-small.csv -o $TMP/out.csv
check: $ES_PROGRAM describe tests/data/posts-small.csv --boot 0 | grep -v '^sha256' | sed 's|tests/data/posts-small\.csv|X|g' > "$TMP/a" && test -s "$TMP/a"
check: for x in jsonl tsv csv.gz ndjson.gz; do $ES_PROGRAM export tests/data/posts-small.csv -o "$TMP/out.$x" || exit 1; done
check: for x in csv jsonl tsv csv.gz ndjson.gz; do $ES_PROGRAM describe "$TMP/out.$x" --boot 0 | grep -v '^sha256' | sed "s|$TMP/out\.$x|X|g" > "$TMP/b" && cmp "$TMP/a" "$TMP/b" || exit 1; done
check: gzip -t "$TMP/out.csv.gz"
