# The PlayerSells X benchmarks as a reference: inspect states the band summary, and
# plot draws its 8 bands beside figure 1's boxes (1K-10K in nano, 10K-50K in micro,
# 50K-100K and 100K-500K in mid, 500K-1M in macro, 1M-5M, 5M-20M and 20M-50M in mega:
# the hypeauditor edges 1k, 10k, 50k, 500k, 1M against the band names).
valgrind: skip
requires: ../shared/datasets-external/playersells-x-benchmarks-2026/engagement_rate_by_follower_band.csv
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --boot 50 --reference ../shared/datasets-external/playersells-x-benchmarks-2026/engagement_rate_by_follower_band.csv --gnuplot /nonexistent/gnuplot
exit: 1
check: test "$(grep -vc '^#' $TMP/figs/fig1_reference.tsv)" = 8
check: test "$(cut -f2 $TMP/figs/fig1_reference.tsv | grep -c '"mega"')" = 3
check: test "$(cut -f2 $TMP/figs/fig1_reference.tsv | grep -c '"mid"')" = 2
check: grep -q '"1K to 10K followers".*0.00327	' $TMP/figs/fig1_reference.tsv
stdout-lacks: match no band
