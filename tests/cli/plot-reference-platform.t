# A reference by platform (tests/data/ref-bands.csv: Instagram and TikTok rows, percent
# by name) is drawn for data of one platform: its Instagram Nano, Micro and Mega rows
# (3.5 %, 2.4 %, 1.1 % = 0.035, 0.024, 0.011, tests/reference/reference.R) beside the
# nano, micro and mega boxes, by name; the legend "published (ref-bands.csv)" comes
# from the data file into the drawing.  --where applies to the data, not the reference.
valgrind: skip
requires: /usr/bin/gnuplot
args: plot datasets/engagestat-sim.csv.gz --where platform=instagram -o $TMP/figs --reference tests/data/ref-bands.csv --boot 50 --format svg
stdout-contains: note: figure 1: no published benchmark in ref-bands.csv for bands mid, macro
stdout-contains: note: figure 1: 1 of the 4 rows of ref-bands.csv match no band (by name or follower edges, and platform)
check: test "$(grep -vc '^#' $TMP/figs/fig1_reference.tsv)" = 3
check: grep -q '"micro"	"micro"	"Micro (10k-50k)"	"Micro (10k-50k)"	0.015	0.024	0.032	' $TMP/figs/fig1_reference.tsv
check: grep -q 'published (ref-bands.csv)' $TMP/figs/fig1.svg
check: test ! -s $TMP/figs/fig1.log
