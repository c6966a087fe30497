# With --min-n 2, beauty (4 micro / 10 mega accounts) gets a bootstrap interval whose
# lower end is 0: the log axis cannot show it, so the bar is cut and a note says so
# (this used to stop gnuplot with "undefined value"), and figure 1 without points
# beyond its whiskers no longer makes gnuplot warn about an empty file.
valgrind: skip
requires: /usr/bin/gnuplot
args: plot tests/data/plot-units.tsv --map likes=er --er likes/followers -o $TMP/figs --min-n 2 --boot 2000
exit: 0
stdout-contains: note: figure 5: the interval of 'beauty' reaches 0; its bar is cut at
check: test -s $TMP/figs/fig5.png
check: ! ls $TMP/figs/*.log 2>/dev/null
