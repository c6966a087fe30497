# The Kim et al. (2020) sample renders every figure; the files are what they claim.
valgrind: skip
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: plot ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 -o $TMP/figs --format png,pdf --boot 100
exit: 0
stdout-contains: fig1  Engagement rate by follower band (box plots, median CIs): 
stdout-contains: fig7  Empirical CDF of engagement rate per band: 
check: for i in 1 2 3 4 5 6 7; do head -c 8 $TMP/figs/fig$i.png | od -An -c | grep -q 'P   N   G' || exit 1; head -c 5 $TMP/figs/fig$i.pdf | grep -q '%PDF-' || exit 1; done
check: test -f $TMP/figs/theme.gp && test -f $TMP/figs/fig1.tsv && test -f $TMP/figs/fig1.gp
check: cd $TMP/figs && rm fig1.png && gnuplot fig1.gp && test -s fig1.png
