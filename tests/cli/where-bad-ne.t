args: describe tests/data/tiny.csv --where 'followers<>5'
exit: 2
stderr-contains: invalid --where expression 'followers<>5': at character 11
stderr-contains: (for 'not equal' write !=)
