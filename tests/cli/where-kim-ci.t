# Case-insensitive: category~=FASHION keeps the 13,902 'fashion' posts that
# category=Fashion misses (where-kim-case.t):
#   python3 -c "import csv; print(sum(r['category'].lower()=='fashion' for r in csv.DictReader(open('../shared/datasets-external/kim2020-instagram-sample/posts.csv'))))"  -> 13902
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'category~=FASHION'
stdout-contains: rows      39907 read, 13902 kept, 0 rejected, 26005 filtered, 0 duplicate
