# plot --published: of datasets/published_benchmarks.csv's 92 rows, the 15 with our
# definition likes+comments/followers (the default --er), single typical figures with
# follower edges, are matched to the hypeauditor bands by edges (7 in nano, 1 in micro,
# 6 in mega: tests/reference/published.R); the data have two platforms, so any platform.
# The other 77 are listed with the reason, Captiv8's per-impression rate among them.
valgrind: skip
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --published datasets/published_benchmarks.csv --boot 50 --gnuplot /nonexistent/gnuplot
exit: 1
stdout-contains: note: --published datasets/published_benchmarks.csv: 15 of the 92 published rows have definition likes+comments/followers (any platform), a single typical figure and follower edges; the other 77 are not drawn
stdout-contains: note: figure 1: 1 of the 15 rows of published_benchmarks.csv match no band
check: test "$(grep -vc '^#' $TMP/figs/fig1_reference.tsv)" = 14
check: test "$(cut -f2 $TMP/figs/fig1_reference.tsv | grep -c '"nano"')" = 7
check: test "$(cut -f2 $TMP/figs/fig1_reference.tsv | grep -c '"mega"')" = 6
check: grep -q '"HypeAuditor via Statista 2021: nano 1k–10k".*	NaN	0.0253	NaN	"published_benchmarks.csv"' $TMP/figs/fig1_reference.tsv
check: test "$(wc -l < $TMP/figs/fig1_published_other.csv)" = 78
check: grep -q '^15,Captiv8 (via eMarketer),2024,Instagram,interactions/impressions,nano <10k,0.0623,"definition interactions/impressions, not likes+comments/followers"$' $TMP/figs/fig1_published_other.csv
