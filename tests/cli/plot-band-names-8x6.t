# At 8 x 6 cm the names of the narrow bands of figure 2 would touch (mid spans
# 50k-500k, macro 500k-1M): every other one goes one row down (column 6 of
# fig2_bands.tsv), none is left off.
valgrind: skip
requires: /usr/bin/gnuplot
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --boot 100 --size 8cm,6cm
exit: 0
stdout-lacks: band name
check: test "$(awk -F'\t' '!/^#/ {printf "%s", $6}' $TMP/figs/fig2_bands.tsv)" = 01010
check: grep -q '^band_rows = 2' $TMP/figs/fig2.gp
