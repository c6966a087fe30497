args: inspect
exit: 2
--- stderr
engagestat: inspect: missing FILE
Try 'engagestat --help' for more information.
