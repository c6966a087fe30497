# A malformed --er is a usage error naming the position.
args: describe tests/data/er-expr.csv --er 'likes+(comments/followers'
exit: 2
stderr-contains: --er 'likes+(comments/followers': at position 26: missing ')' at the end
