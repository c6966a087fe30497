# --column naming no column is an option that does not fit the data: exit 2.
args: fit tests/data/accounts-r.csv --column nope
exit: 2
stderr-contains: --column nope: no such column
