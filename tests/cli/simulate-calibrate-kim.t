# Calibration on the Kim et al. sample gives the committed parameter file, byte for byte.
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
valgrind: skip
args: simulate --calibrate ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 -o $TMP/k.params
check: cmp $TMP/k.params datasets/kim2020-calibrated.params
--- stdout
