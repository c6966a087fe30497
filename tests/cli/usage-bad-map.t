args: inspect tests/data/tiny.csv --map fans=followers
exit: 2
stderr-contains: engagestat: --map 'fans=followers': unknown role 'fans'
