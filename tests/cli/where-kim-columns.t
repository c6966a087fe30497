# Column against column in the same row: 60 posts have no more likes than comments:
#   python3 -c "import csv; print(sum(int(r['likes'])<=int(r['comments']) for r in csv.DictReader(open('../shared/datasets-external/kim2020-instagram-sample/posts.csv'))))"  -> 60
# (the 2 rows without followers have likes > comments and are rejected after).
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'likes>comments'
stdout-contains: rows      39907 read, 39845 kept, 2 rejected, 60 filtered, 0 duplicate
