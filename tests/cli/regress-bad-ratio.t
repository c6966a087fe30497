# regress reports the --ratio contrast; a malformed --ratio is a usage error (it was
# skipped silently).
args: regress tests/data/accounts-r.csv --ratio garbage
exit: 2
--- stderr
engagestat: --ratio 'garbage': expected BAND/BAND such as micro/mega
Try 'engagestat --help' for more information.
