# One post at the maximum time (2019-05-15T05:47:25Z):
#   python3 -c "import csv; print(sum(int(r['taken_at_unix'])>=1557899245 for r in csv.DictReader(open('../shared/datasets-external/kim2020-instagram-sample/posts.csv'))))"  -> 1
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'taken_at_utc>=1557899245'
stdout-contains: rows      39907 read, 1 kept, 0 rejected, 39906 filtered, 0 duplicate
