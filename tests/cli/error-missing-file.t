args: inspect tests/data/no-such-file.csv
exit: 1
--- stderr
engagestat: tests/data/no-such-file.csv: No such file or directory
