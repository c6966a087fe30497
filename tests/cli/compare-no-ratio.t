# compare takes its bands from --groups; --ratio is an error (it compared micro vs
# mega, ignoring the option).
args: compare tests/data/accounts-r.csv --ratio nano/mega
exit: 2
--- stderr
engagestat: compare: option '--ratio' does not apply to this command
Try 'engagestat --help' for more information.
