# The Kim et al. sample: the log-log curve bends, so the data support the quadratic model,
# and the linear model's micro/mega contrast falls outside the interval of the direct
# ratio of medians while the quadratic's falls inside.  The direct ratio is 1.274272
# (python3 tests/reference/micro_mega.py, as in shared-kim-ratio.t).
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
valgrind: skip
args: regress ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --models --format csv --table model_comparison
stdout-contains: supported by the data,(2) quadratic,
stdout-contains: ratio micro/mega,direct ratio of medians,1.27427
check: $ES_PROGRAM regress ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --models --format csv --table model_comparison | grep '^ratio micro/mega,(1) linear,' | grep -q 'disagrees'
check: $ES_PROGRAM regress ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --models --format csv --table model_comparison | grep '^ratio micro/mega,(2) quadratic,' | grep -q 'agrees: inside'
