# Whatever gnuplot prints reaches the user as a warning, once per figure, and the log
# stays beside the figure; a warning that does not concern the layout leaves exit 0.
args: plot tests/data/plot-hostile.csv -o $TMP/figs --boot 50 --gnuplot tests/data/gnuplot-warns
exit: 0
stderr-contains: engagestat: warning: fig1: "fig1.gp" line 9: warning: empty y range [1:1], adjusting to [0.99:1.01]
stderr-contains: engagestat: warning: fig7: "fig7.gp" line 9: warning: empty y range
check: test -s $TMP/figs/fig1.log
