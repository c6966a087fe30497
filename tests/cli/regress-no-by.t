# regress does not group: --by is an error, not silently ignored.
args: regress tests/data/accounts-r.csv --by niche
exit: 2
--- stderr
engagestat: regress: option '--by' does not apply to this command
Try 'engagestat --help' for more information.
