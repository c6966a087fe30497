# --shape on the Kim et al. sample: the log-log decline flattens, and the linear model's
# micro/mega contrast (1.73 [1.68, 1.79]) overstates what the curved models give (about
# 1.31, near the direct 1.27).  Expected numbers from tests/reference/shape.R (R 4.2.2:
# "kim_ratio", "kim_aic", "kim_knot").
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
valgrind: skip
args: regress ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --shape --format csv --table shape_contrast --digits 8
stdout-contains: overall,linear,1.7347548,1.677299,1.7941788,
stdout-contains: overall,quadratic,1.3064508,1.2254049,1.392857,
stdout-contains: overall,natural spline,1.324295,1.2368478,1.4179247,
check: $ES_PROGRAM regress ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --shape --format csv --table shape_verdict | grep -q '^overall,flattening,natural spline,'
check: $ES_PROGRAM regress ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --shape --format csv --table shape --digits 10 | grep -q '^overall,natural spline,22635,6,-12039.74136,24091.48272,24139.64624,0,'
check: $ES_PROGRAM regress ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --shape --format csv --table shape | grep -q '(log10 4.611344906)'
