args: describe tests/data/tiny.csv --where 'followers>>5'
exit: 2
stderr-contains: invalid --where expression 'followers>>5': at character 11: expected a value or a column after '>', found '>'
stderr-contains: Try 'engagestat --help'
