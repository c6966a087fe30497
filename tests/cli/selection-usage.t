# The engagement and band options mean something to inspect only with --selection.
args: inspect tests/data/selection-random.csv --bands seed
exit: 2
stderr-contains: inspect: --bands applies only with --selection
