# A write error on standard output is an error, not a silent exit 0.
args: --version
check: ! $ES_PROGRAM inspect tests/data/tiny.csv > /dev/full 2>/dev/null
check: $ES_PROGRAM inspect tests/data/tiny.csv 2>&1 >/dev/full | grep -q "write error"
check: ! $ES_PROGRAM inspect tests/data/tiny.csv -o /dev/full 2>/dev/null && test -c /dev/full
