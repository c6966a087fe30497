args: export tests/data/tiny.csv
exit: 2
stderr-contains: missing -o OUT
