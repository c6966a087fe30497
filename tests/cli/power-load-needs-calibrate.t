# power reads data only with --calibrate; a loading option without it is a usage error
# (as for simulate), not silently ignored.
args: power --where a=1
exit: 2
stderr-contains: power: --map, --where, --dedupe, --delimiter, --no-header and --level apply only with --calibrate
