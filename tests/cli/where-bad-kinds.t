# A number column and a text column do not compare.
args: inspect tests/data/tiny.csv --where 'likes>niche'
exit: 2
stderr-contains: 'likes' is a numeric column and 'niche' a text one
