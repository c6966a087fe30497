# --groups must name two different bands of the scheme.
args: compare tests/data/accounts-r.csv --groups micro,giga --boot 0
exit: 2
stderr-contains: --groups micro,giga: no band named 'giga' in --bands hypeauditor
