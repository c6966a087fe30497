# regress has no bootstrap: --boot is an error, not silently ignored.
args: regress tests/data/accounts-r.csv --boot 7
exit: 2
--- stderr
engagestat: regress: option '--boot' does not apply to this command
Try 'engagestat --help' for more information.
