# compare's own options are checked before anything is read.
args: compare tests/data/accounts-r.csv --alternative sideways
exit: 2
stderr-contains: --alternative 'sideways': expected two.sided, less or greater
stderr-contains: Try 'engagestat --help'
