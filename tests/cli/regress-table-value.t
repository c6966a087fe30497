# One getopt_long: --table takes "--quadratic" as its value and FILE stays the file
# (the old pre-parser stole --quadratic and reported "missing FILE").
args: regress --table --quadratic tests/data/accounts-r.csv
exit: 2
--- stderr
engagestat: --table '--quadratic': no such table (tables: coefficients, fit, references, predictions, bins)
Try 'engagestat --help' for more information.
