# More than 100000 rejected rows: the first 100000 are listed, then one row says how
# many more were counted.
args: export tests/data/tiny.csv -o $TMP/ignored.csv
check: awk 'BEGIN { print "account,followers,likes"; for (i = 0; i < 100003; i++) print "a" i ",0,1"; print "b,10,1" }' > "$TMP/many.csv" && $ES_PROGRAM export "$TMP/many.csv" -o "$TMP/out.csv" --rejects "$TMP/rej.csv"
check: test "$(wc -l < "$TMP/rej.csv")" = 100002 && test "$(sed -n 2p "$TMP/rej.csv")" = '2,2,followers zero or negative,"a0,0,1"' && test "$(tail -1 "$TMP/rej.csv")" = ',,3 more rejected rows counted but not listed,'
check: test "$(cat "$TMP/out.csv")" = "$(printf 'account,followers,likes\nb,10,1')"
