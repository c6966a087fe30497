args: describe tests/data/accounts-r.csv --ratio micro/giga
exit: 2
--- stderr
engagestat: --ratio 'micro/giga': no band named 'giga' in --bands hypeauditor
Try 'engagestat --help' for more information.
