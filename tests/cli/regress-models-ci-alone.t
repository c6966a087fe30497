# --models-ci chooses what --models prints below each estimate; alone it is an error.
args: regress tests/data/accounts-r.csv --models-ci
exit: 2
--- stderr
engagestat: regress: --models-ci needs --models
Try 'engagestat --help' for more information.
