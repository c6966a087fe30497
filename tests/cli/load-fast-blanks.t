# Plain lines skip libcsv (es_split_plain in load.c) but are split as libcsv splits them:
# the spaces and tabs around unquoted fields trimmed, those inside kept, a field of
# blanks empty; the rejected rows show the cells as read.  ES_CSV_PARSER=libcsv (every
# line through libcsv) loads the same (tests/csv-parser-same.sh compares every file).
args: export tests/data/csv-fast/spaces.csv -o - --rejects $TMP/rejects.csv
check: printf '%s\n' 'line,column,reason,raw' '6,2,followers zero or negative,"z,0,1,2,t a b"' '7,2,followers zero or negative,"y,-5,1,2,"' | cmp - "$TMP/rejects.csv"
check: ES_CSV_PARSER=libcsv $ES_PROGRAM export tests/data/csv-fast/spaces.csv -o - --rejects "$TMP/rejects-libcsv.csv" | cmp - "$TMP/got.out" && cmp "$TMP/rejects.csv" "$TMP/rejects-libcsv.csv"
check: ES_CSV_PARSER=fastest $ES_PROGRAM inspect tests/data/csv-fast/spaces.csv 2>&1 >/dev/null | grep -qF "ES_CSV_PARSER=fastest: expected libcsv"
--- stdout
account,followers,likes,comments,niche
a,1000,10,2,food and drink
b,2000,20,3,fashion
c,3000,30,4,
c,4000,40,5,x  y
--- stderr
