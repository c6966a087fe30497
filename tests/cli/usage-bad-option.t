args: inspect --bogus tests/data/tiny.csv
exit: 2
--- stderr
engagestat: inspect: unrecognized option '--bogus'
Try 'engagestat --help' for more information.
