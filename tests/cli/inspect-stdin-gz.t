# Standard input, gzip-compressed, gives the same rows.
args: inspect - --format json
stdin: tests/data/tiny.csv.gz
stdout-contains: "rows_read": 11, "rows_kept": 5
stdout-contains: "gzip": 1
