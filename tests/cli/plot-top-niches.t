# --top-niches K: figure 4 names the K largest niches and pools the others (the
# bundled dataset has 10 niches, datasets/README.md) as one row; figure 5 leaves them
# to its "All niches" row, and its caption counts them.
valgrind: skip
requires: /usr/bin/gnuplot
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --boot 100 --top-niches 3
exit: 0
stdout-contains: note: figure 4 shows the 3 largest of 10 niches and pools the other 7 as 'Other niches (7)' (--top-niches 3)
stdout-contains: note: figure 5 shows the 3 largest niches; the other 7 are in its 'All niches' row (--top-niches)
check: grep -qF '"Other niches (7)"' $TMP/figs/fig4.tsv && ! grep -qF 'Other niches' $TMP/figs/fig5.tsv
check: grep -q '^caption = "Left out: 7 smaller niches' $TMP/figs/fig5.gp
check: test "$(grep -c '"Other niches (7)"' $TMP/figs/fig4.tsv)" = 5
