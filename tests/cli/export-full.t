# A write error (a full device) is exit 1, naming the file.
requires: /dev/full
args: export tests/data/tiny.csv -o /dev/full --to csv
exit: 1
stderr-contains: /dev/full
