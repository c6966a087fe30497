# A number column needs a number (or a column) after an ordering operator.
args: inspect tests/data/tiny.csv --where 'followers>abc'
exit: 2
stderr-contains: --where 'followers>abc': column 'followers' holds numbers; expected a number or a column after '>', found 'abc'
