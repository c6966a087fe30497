# plot --reference FILE: the band summary's medians and quartiles (percent by its
# column names, divided by 100) beside figure 1's boxes in fig1_reference.tsv, matched
# by edges: tests/data/ref-edges.csv's "small" (1,000-10,000 followers, median 0.03, a
# proportion) lies within nano (hypeauditor 1k-10k); "large" (10k-1M) within no band,
# which a note says.  The legend is the file's base name, in the data file only.
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --reference tests/data/ref-edges.csv --boot 50 --gnuplot /nonexistent/gnuplot
exit: 1
stdout-contains: note: figure 1: 1 of the 2 rows of ref-edges.csv match no band (by name or follower edges) and are not drawn
stdout-contains: note: figure 1: no published benchmark in ref-edges.csv for bands micro, mid, macro, mega
check: test "$(grep -vc '^#' $TMP/figs/fig1_reference.tsv)" = 1
check: grep -q '^0.42	"nano"	"nano"	"small"	"small"	NaN	0.03	NaN	"ref-edges.csv"	"ref-edges.csv"$' $TMP/figs/fig1_reference.tsv
check: grep -q '^n_reference = 1$' $TMP/figs/fig1.gp
check: ! grep -q 'ref-edges' $TMP/figs/fig1.gp
