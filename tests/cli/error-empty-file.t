args: inspect tests/data/empty.csv
exit: 1
--- stderr
engagestat: tests/data/empty.csv:1:1: no header line (the file is empty)
