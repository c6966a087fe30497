args: inspect tests/data/tiny.csv --map likes=hearts
exit: 2
stderr-contains: engagestat: tests/data/tiny.csv: --map likes=hearts: no column named 'hearts' (columns: account_id, platform
