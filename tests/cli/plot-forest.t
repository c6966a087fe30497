# The forest plot (figure 5) lists the niches by the ratio, largest on top (the
# ratio, column 8 of fig5.tsv, falls as y, column 1, falls), under headers; its label
# columns take at most half the width, and the caption counts the niche left out by
# --min-n ('unknown', a single account: datasets/README.md).
valgrind: skip
requires: /usr/bin/gnuplot
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --boot 100 --format svg --size 24cm,10cm
exit: 0
stdout-contains: note: figure 5 leaves out 1 niche with fewer than 10 accounts in either band (--min-n; its caption says so)
check: awk -F'\t' '!/^#/ && $1 > 0 { if (n++ && ($1 >= y || $8 > q)) exit 1; y = $1; q = $8 } END { exit n < 2 }' $TMP/figs/fig5.tsv
check: grep -qF '>Niche<' $TMP/figs/fig5.svg && grep -qF 'n, micro / mega' $TMP/figs/fig5.svg && grep -qF 'Ratio [95% CI]' $TMP/figs/fig5.svg
check: grep -qF 'Left out: 1 niche with fewer than 10 accounts in either band' $TMP/figs/fig5.svg
check: awk '/^(left|right|canvas)_chars = / { v[$1] = $3 } END { exit !(v["left_chars"] + v["right_chars"] <= v["canvas_chars"] / 2) }' $TMP/figs/fig5.gp
