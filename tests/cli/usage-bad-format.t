args: inspect tests/data/tiny.csv --format yaml
exit: 2
--- stderr
engagestat: --format 'yaml': expected text, csv, tsv, json, md or latex
Try 'engagestat --help' for more information.
