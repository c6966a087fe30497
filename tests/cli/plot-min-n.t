# --min-n applies to the figures: with the default 10 no niche of this fixture has
# enough units in both bands for a forest row.
valgrind: skip
requires: /usr/bin/gnuplot
args: plot tests/data/plot-units.tsv --map likes=er --er likes/followers -o $TMP/figs --boot 200
exit: 0
stdout-contains: note: figure 5 skipped: no niche has 10 units in both bands of the ratio (--min-n)
check: ! test -e $TMP/figs/fig5.gp
