# --published-platform: no TikTok row of published_benchmarks.csv has the definition
# likes+comments/followers (tests/reference/published.R), so nothing is drawn and all 92
# rows are listed, the TikTok ones for their definition only.
valgrind: skip
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --published datasets/published_benchmarks.csv --published-platform tiktok --boot 50 --gnuplot /nonexistent/gnuplot
exit: 1
stdout-contains: 0 of the 92 published rows have definition likes+comments/followers and platform tiktok
check: test ! -e $TMP/figs/fig1_reference.tsv
check: test "$(wc -l < $TMP/figs/fig1_published_other.csv)" = 93
check: grep -q '^17,The Influencer Marketing Factory,2025,TikTok,interactions/followers,10M+,0.0288,"definition interactions/followers, not likes+comments/followers"$' $TMP/figs/fig1_published_other.csv
