# A top-100 list (tests/data/selection-top100.csv, from tests/reference/selection.R):
# the study's selection warnings name the rank column, the order and the top-N cut,
# and with no micro account the claims are not testable.
valgrind: skip
args: reproduce tests/data/selection-top100.csv -o $TMP/r --boot 50 --perm 99 --min-n 5 --no-figures
exit: 0
stdout-contains: no micro/mega ratio: a band is empty (0 micro, 65 mega)
stdout-contains: claims: 1 not testable;
check: grep -q '^## Selection warnings$' $TMP/r/report.md && grep -q "^- rank_column: column 'rank' runs 1..100 without gaps;" $TMP/r/report.md && grep -q '^- top_n: ranks 1..100 (a round number)' $TMP/r/report.md
check: grep -q '^- sorted_by_outcome: rows are in descending order of followers in 100.0% of adjacent pairs' $TMP/r/report.md
