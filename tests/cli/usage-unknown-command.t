args: frobnicate x.csv
exit: 2
--- stderr
engagestat: unknown command 'frobnicate'
Try 'engagestat --help' for more information.
