args: inspect tests/data/tiny.csv --boot 10
exit: 2
--- stderr
engagestat: inspect: option '--boot' does not apply to this command
Try 'engagestat --help' for more information.
