# The ER axis titles follow the definition's denominator (here .../comments), in the
# svg text and in the LaTeX of a tex figure; followers stays the default wording.
valgrind: skip
args: plot datasets/engagestat-sim.csv.gz --er likes/comments -o $TMP/figs --format svg,tex --boot 50
exit: 0
check: grep -q 'Engagement rate (% of comments)' $TMP/figs/fig1.svg && grep -q 'Engagement rate (% of comments)' $TMP/figs/fig7.svg
check: grep -q 'Median ER (% of comments)' $TMP/figs/fig4.svg
check: grep -q 'of comments)' $TMP/figs/fig1-tex.tex
check: ! grep -q 'of followers)' $TMP/figs/fig1.svg
check: grep -q "er_den_plain = 'comments'" $TMP/figs/fig1.gp
