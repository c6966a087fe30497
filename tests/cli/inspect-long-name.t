# A header name of a million characters: the text table shows its first 199 and an
# ellipsis (every row was padded to its width: 25 MB of output for a 5 MB name); JSON
# keeps it whole.
args: --version
check: awk 'BEGIN { s = "n"; while (length(s) < 1000000) s = s s; print s ",followers,likes,comments"; print "1,1000,5,1" }' > "$TMP/long.csv"
check: test "$($ES_PROGRAM inspect "$TMP/long.csv" | wc -c)" -lt 5000
check: $ES_PROGRAM inspect "$TMP/long.csv" | grep -q "$(printf 'nnnnnnnnnn\342\200\246')"
check: test "$($ES_PROGRAM inspect "$TMP/long.csv" --format json | wc -c)" -gt 1000000
