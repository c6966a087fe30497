# Sizes take units cm, mm or in.
args: plot tests/data/plot-hostile.csv -o $TMP/figs --size 12px,8px
exit: 2
stderr-contains: --size '12px,8px': expected WIDTH,HEIGHT such as 12cm,8cm
