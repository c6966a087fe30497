# A covariate the file does not have is an option that does not fit the data: exit 2,
# the message names the column and the file (es_regress_run's ES_EINVAL).
args: regress tests/data/accounts-r.csv --covariates nope
exit: 2
--- stderr
engagestat: --covariates: no column 'nope' in tests/data/accounts-r.csv
Try 'engagestat --help' for more information.
