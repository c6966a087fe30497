# --shape fits its own models: --models with it, or regress's model options, are usage
# errors, not ignored.
args: regress tests/data/accounts-r.csv --shape --models
exit: 2
check: $ES_PROGRAM regress tests/data/accounts-r.csv --shape --quadratic 2>&1 >/dev/null | grep -q -- '--quadratic does not apply with --shape'; test $? -eq 0
check: $ES_PROGRAM regress tests/data/accounts-r.csv --shape --bins 5 2>/dev/null; test $? -eq 2
--- stderr
engagestat: regress: --models and --shape are alternatives: give one
Try 'engagestat --help' for more information.
