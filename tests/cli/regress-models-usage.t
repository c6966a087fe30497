# --models fits its own models: regress's model options are a usage error with it, not
# ignored.
args: regress tests/data/accounts-r.csv --models --quadratic
exit: 2
--- stderr
engagestat: regress: --quadratic does not apply with --models (it fits its own models)
Try 'engagestat --help' for more information.
