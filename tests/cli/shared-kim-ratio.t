# The headline on the Kim et al. Instagram sample: micro/mega median ER 1.27.
# Independent value (standard library only): python3 tests/reference/micro_mega.py \
#   ../shared/datasets-external/kim2020-instagram-sample/posts.csv owner_username followers followers likes comments \
#   --where=owner_matches_file=1 --where=is_duplicate_post=0        -> 8373 502 1.274272
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: describe ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --boot 0 --format csv --table ratio
exit: 0
stdout-contains: micro,mega,8373,502,1.27427
