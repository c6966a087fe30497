# fit's help comes from its table: its own options with metavar and default, the
# shared groups it accepts (--by, --boot, --conf and --min-n), not those it does not
# (--ratio).
args: fit --help
exit: 0
stdout-contains: Usage: engagestat fit [OPTION]... FILE
stdout-contains:       --min-tail N       smallest tail an xmin candidate may leave (default 10)
stdout-contains:       --boot B           bootstrap replicates (0: no bootstrap
stdout-contains: fit runs no bootstrap
stdout-contains:       --min-n N          groups with fewer units get no interval or test (default 10)
check: ! $ES_PROGRAM fit --help | grep -q -e '--ratio'
