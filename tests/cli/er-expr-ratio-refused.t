# --account-er ratio needs N/D at the top of the definition.
args: describe tests/data/er-expr.csv --er 'likes/followers*100' --account-er ratio
exit: 2
stderr-contains: --account-er ratio sums a numerator and a denominator
