# Input from a pipe that delivers its first bytes a few at a time: the delimiter
# (tab here, though the first read holds none) and the gzip magic (first read: one
# byte) are detected from a whole first chunk, not from the first read().
args: --version
check: (printf 'acc'; sleep 0.2; printf 'ount\tfollowers\tlikes\na\t1000\t5\n') | $ES_PROGRAM inspect - | grep -q 'delimiter=tab'
check: gzip -c tests/data/tiny.csv > "$TMP/t.gz" && (head -c1 "$TMP/t.gz"; sleep 0.2; tail -c +2 "$TMP/t.gz") | $ES_PROGRAM inspect - | grep -q 'gzip=1'
check: (head -c1 "$TMP/t.gz"; sleep 0.2; tail -c +2 "$TMP/t.gz") | $ES_PROGRAM inspect - --format json | grep -q '"rows_read": 11'
