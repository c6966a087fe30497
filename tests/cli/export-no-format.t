# OUT's name does not say the format, and --to is not given.
args: export tests/data/tiny.csv -o $TMP/out.txt
exit: 2
stderr-contains: give --to
check: test ! -e "$TMP/out.txt"
