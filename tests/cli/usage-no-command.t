# No command: one line, then the hint, exit 2.
args:
exit: 2
--- stderr
engagestat: missing command
Try 'engagestat --help' for more information.
