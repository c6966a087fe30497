# --only chooses the sections (the summary always opens the report); --figures the figures.
valgrind: skip
requires: /usr/bin/gnuplot
args: report tests/data/accounts-r.csv -o $TMP/r --boot 50 --perm 99 --min-n 5 --only bands,provenance --figures fig1
exit: 0
stdout-contains: 1 figures
check: grep -q '^## Summary$' $TMP/r/report.md && grep -q '^## Engagement by band$' $TMP/r/report.md && grep -q '^## Provenance$' $TMP/r/report.md
check: ! grep -q '^## Scaling' $TMP/r/report.md && ! grep -q '^## Micro vs mega' $TMP/r/report.md
check: test -s $TMP/r/figures/fig1.png && test -s $TMP/r/figures/fig1.pdf && test ! -e $TMP/r/figures/fig2.png
check: grep -q 'data:image/png;base64,' $TMP/r/report.html && test $(grep -o '<figure' $TMP/r/report.html | wc -l) -eq 1
