args: inspect tests/data/nul.csv
exit: 1
--- stderr
engagestat: tests/data/nul.csv:3:5: not a text file (NUL byte)
