# A ratio of a band with itself is refused, as compare and power refuse such a pair.
args: describe tests/data/accounts-r.csv --ratio micro/micro --boot 0
exit: 2
stderr-contains: --ratio 'micro/micro': the two bands must differ
