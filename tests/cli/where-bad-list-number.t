# Each item of a list on a numeric column must be a number.
args: inspect tests/data/tiny.csv --where 'followers=(800, lots)'
exit: 2
stderr-contains: column 'followers' holds numbers; expected a number for each item of the list, found 'lots'
