args: inspect tests/data/tiny.csv --where 'niche=(fitness, beauty'
exit: 2
stderr-contains: at character 23: expected ')' to close the list
