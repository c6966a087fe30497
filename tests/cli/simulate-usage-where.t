args: simulate --where niche=food
exit: 2
--- stdout
--- stderr
engagestat: simulate: --map, --where, --dedupe, --delimiter, --no-header and --level apply only with --calibrate
Try 'engagestat --help' for more information.
