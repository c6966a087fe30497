# Data files are read only with --calibrate; load options need it too.
args: simulate posts.csv
exit: 2
--- stdout
--- stderr
engagestat: simulate: unexpected argument 'posts.csv' (use --calibrate FILE to read data)
Try 'engagestat --help' for more information.
