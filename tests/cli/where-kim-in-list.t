# An IN list on Kim: 13,902 fashion + 4,381 food posts, none without followers:
#   python3 -c "import csv; r=list(csv.DictReader(open('../shared/datasets-external/kim2020-instagram-sample/posts.csv'))); print(sum(x['category'] in ('fashion','food') for x in r), sum(x['category'] in ('fashion','food') and x['followers']=='' for x in r))"  -> 18283 0
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'category=(fashion, food)'
stdout-contains: rows      39907 read, 18283 kept, 0 rejected, 21624 filtered, 0 duplicate
