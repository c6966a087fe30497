# Niche names from the data (tests/data/plot-hostile.csv, written once by a short
# Python loop: 90 accounts whose niches are a backquoted command, a gnuplot string
# breakout and a name with a newline) are drawn literally and nothing runs (the
# figure is wide enough that no name is shortened; --min-n 5 so that the forest plot,
# figure 5, has its niche rows).
requires: /usr/bin/gnuplot
args: plot tests/data/plot-hostile.csv -o $TMP/figs --format svg --boot 50 --size 40cm,20cm --min-n 5
exit: 0
check: rm -f /tmp/engagestat-plot-pwned1 /tmp/engagestat-plot-pwned2; true
stdout-contains: fig4  Median engagement rate by niche and band (heatmap): 
check: test ! -e /tmp/engagestat-plot-pwned1 && test ! -e /tmp/engagestat-plot-pwned2
check: grep -qF '`touch /tmp/engagestat-plot-pwned1`' $TMP/figs/fig4.svg
check: grep -qF '"; system("touch /tmp/engagestat-plot-pwned2") #' $TMP/figs/fig4.svg
check: grep -qF 'line one\nline two' $TMP/figs/fig4.svg
check: test -s $TMP/figs/fig5.svg && grep -qF '`touch /tmp/engagestat-plot-pwned1`' $TMP/figs/fig5.svg
check: ! grep -q 'touch' $TMP/figs/fig4.gp $TMP/figs/fig5.gp
