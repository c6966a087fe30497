# The Kim et al. sample with the filters its SOURCE.md recommends; counts from
# tests/reference/load.R (R 4.2.2).
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0
stdout-contains: rows      39907 read, 38969 kept, 2 rejected, 936 filtered, 0 duplicate
stdout-contains: accounts  22638
stdout-contains: level     post
