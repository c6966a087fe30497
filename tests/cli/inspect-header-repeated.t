# Repeated header names are made unique as R's make.unique does (after trimming
# blanks): x, x.2, x.1, x.3, a, x.4 (tests/reference/load.R has the R 4.2.2 command),
# each renaming noted; a 100,000-column header of one repeated name loads (linear
# time: the header's names sit in a hash table).
args: inspect tests/data/header-repeated.csv
stdout-contains: duplicate column name 'x' (column 2) renamed to 'x.2'
stdout-contains: duplicate column name 'x' (column 4) renamed to 'x.3'
stdout-contains: duplicate column name 'x' (column 6) renamed to 'x.4'
check: $ES_PROGRAM inspect tests/data/header-repeated.csv --format csv | awk -F, '$1 ~ /^[0-9]+$/ {printf "%s ", $2} END {print ""}' | grep -qx 'x x.2 x.1 x.3 a x.4 '
check: awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%sx", i ? "," : ""; print ""; for (i = 0; i < 100000; i++) printf "%s%d", i ? "," : "", i % 7; print "" }' > "$TMP/wide.csv" && $ES_PROGRAM inspect "$TMP/wide.csv" --format csv | grep -q '^100000,x.99999,'
valgrind: skip
