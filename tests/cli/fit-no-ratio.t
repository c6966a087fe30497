# fit has no ratio of medians: --ratio is an error.
args: fit tests/data/accounts-r.csv --ratio x/y
exit: 2
--- stderr
engagestat: fit: option '--ratio' does not apply to this command
Try 'engagestat --help' for more information.
