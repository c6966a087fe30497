# Without gnuplot the data files and scripts are still written, and the command
# fails saying so.
args: plot tests/data/plot-hostile.csv -o $TMP/figs --gnuplot /nonexistent/gnuplot --boot 20
exit: 1
stderr-contains: engagestat: plot: gnuplot not found ('/nonexistent/gnuplot'); the data files and scripts are in
stdout-contains: fig1  Engagement rate by follower band (box plots, median CIs) (data and script only)
check: test -f $TMP/figs/fig1.gp && test -f $TMP/figs/fig1.tsv && test -f $TMP/figs/theme.gp && test ! -e $TMP/figs/fig1.png
