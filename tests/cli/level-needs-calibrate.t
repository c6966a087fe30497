# simulate reads no data without --calibrate: --level is refused like the other loading options.
args: simulate --level account --accounts 10
exit: 2
stderr-contains: simulate: --map, --where, --dedupe, --delimiter, --no-header and --level apply only with --calibrate
