# The report on the Kim et al. Instagram sample: the headline micro/mega ratio 1.27
# (independent: python3 tests/reference/micro_mega.py ... -> 8373 502 1.274272, as in
# shared-kim-ratio.t), the niche table and the model contrasts that disagree with it.
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
valgrind: skip
args: report ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 -o $TMP/r --boot 100 --perm 99 --no-figures
exit: 0
stdout-contains: micro/mega median ER ratio 1.27 [
stdout-contains: 8,373 micro vs 502 mega
check: grep -q 'is 1.27 times that of mega accounts' $TMP/r/report.md && grep -q '^### By niche$' $TMP/r/report.md
check: grep -q '| (1) linear | 1.73 |' $TMP/r/report.md && grep -q 'Caution: at least one model' $TMP/r/report.md
