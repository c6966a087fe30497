# --reference and --published together: one reference, the band summary's rows first
# (tests/data/ref-edges.csv's "small" in nano) and then the 14 published rows drawn; the
# legend names both files.
valgrind: skip
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --reference tests/data/ref-edges.csv --published datasets/published_benchmarks.csv --boot 50 --gnuplot /nonexistent/gnuplot
exit: 1
stdout-contains: note: figure 1: 2 of the 17 rows of ref-edges.csv + published_benchmarks.csv match no band
check: test "$(grep -vc '^#' $TMP/figs/fig1_reference.tsv)" = 15
check: test "$(grep -c '"ref-edges.csv + published_benchmarks.csv"' $TMP/figs/fig1_reference.tsv)" = 15
check: grep -q '"nano"	"nano"	"small"	"small"	NaN	0.03	NaN	' $TMP/figs/fig1_reference.tsv
