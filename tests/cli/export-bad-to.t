args: export tests/data/tiny.csv -o x.csv --to xml
exit: 2
stderr-contains: --to
