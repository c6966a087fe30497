# --max-er off (infinity) is recorded as "Inf", not as null.
args: describe tests/data/accounts-r.csv --max-er inf --boot 0 --format json
exit: 0
stdout-contains: "max_er": "Inf"
