# An unknown column is a usage error naming the close names (tiny.csv's header has
# followers; awk -F, 'NR==1' tests/data/tiny.csv).
args: inspect tests/data/tiny.csv --where 'folowers>5'
exit: 2
stderr-contains: --where: no column named 'folowers' in 'folowers>5' (did you mean: followers)
