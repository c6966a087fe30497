# plot --reference with a file that is not a band summary: refused before any figure.
args: plot tests/data/posts-small.csv -o $TMP/figs --reference tests/data/tiers.csv
exit: 1
stderr-contains: plot: --reference tests/data/tiers.csv: not a band summary (account: each of the 11 accounts ('account') has one row)
check: test ! -e $TMP/figs
