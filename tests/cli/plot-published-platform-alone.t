# --published-platform without --published is a usage error, not silently ignored.
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --published-platform instagram
exit: 2
stderr-contains: plot: --published-platform needs --published FILE
check: test ! -e $TMP/figs
