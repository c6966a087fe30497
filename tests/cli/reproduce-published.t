# reproduce compares the band medians with the bundled published figures of the same
# definition (datasets/published_benchmarks.csv: 15 rows of likes+comments/followers on
# Instagram, tests/reference/published.R) and lists the rest.
args: reproduce tests/data/accounts-r.csv -o $TMP/r --boot 50 --perm 99 --min-n 5 --no-figures --only published,bands
exit: 0
check: grep -q '^## Against published figures$' $TMP/r/report.md && grep -q 'HypeAuditor via Statista 2021: nano 1k–10k | 2.53 |' $TMP/r/report.md
check: grep -q 'published figures in datasets/published_benchmarks.csv use another definition' $TMP/r/report.md && test -s $TMP/r/tables/published_other.csv
