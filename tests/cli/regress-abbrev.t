# Command options take getopt's abbreviations like shared ones (--quad = --quadratic).
args: regress tests/data/accounts-r.csv --quad --format tsv --table turning_point
exit: 0
stdout-contains: inverted U (maximum)
