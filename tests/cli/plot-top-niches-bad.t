# --top-niches takes 1-40 (the most rows figures 4 and 5 draw).
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --top-niches 0
exit: 2
stderr-contains: --top-niches '0'
check: test ! -e $TMP/figs
