# The report needs -o DIR.
args: report tests/data/accounts-r.csv
exit: 2
stderr-contains: report: missing -o DIR
