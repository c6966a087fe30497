args: describe tests/data/accounts-r.csv --ratio micro/giga
exit: 2
--- stderr
engagestat: --ratio 'micro/giga': no band named 'giga' in --bands hypeauditor (its bands: nano, micro, mid, macro, mega); name two of them with --ratio A/B
Try 'engagestat --help' for more information.
