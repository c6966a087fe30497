args: inspect tests/data/tiny.csv --where tier=mega
exit: 2
stderr-contains: --where: no column named 'tier'
