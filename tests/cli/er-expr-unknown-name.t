# A name that is neither a role nor a numeric column: usage error with its position.
args: describe tests/data/er-expr.csv --er '(likes+comments)/nosuch'
exit: 2
stderr-contains: at position 18: 'nosuch' is neither a role
