# A header past --max-columns stops the load with the same message whether its line
# takes the fast path or libcsv (the fields past the cap counted, not stored).
args: inspect tests/data/csv-fast/max-columns.csv --max-columns 5
exit: 1
check: ES_CSV_PARSER=libcsv $ES_PROGRAM inspect tests/data/csv-fast/max-columns.csv --max-columns 5 2>&1 >/dev/null | cmp - "$TMP/got.err"
check: $ES_PROGRAM inspect tests/data/csv-fast/max-columns.csv --max-columns 6 | grep -q '^rows      1 read, 1 kept, 0 rejected'
--- stderr
engagestat: tests/data/csv-fast/max-columns.csv:1: 6 columns, more than --max-columns 5 (set a larger value to load the file)
