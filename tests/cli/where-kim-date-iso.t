# An ISO date against the date column; of the 8,154 posts from 2019 one has no
# follower count (rejected):
#   python3 -c "import csv; r=[x for x in csv.DictReader(open('../shared/datasets-external/kim2020-instagram-sample/posts.csv')) if x['taken_at_utc']>='2019-01-01']; print(len(r), sum(x['followers']=='' for x in r))"  -> 8154 1
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'taken_at_utc>=2019-01-01'
stdout-contains: rows      39907 read, 8153 kept, 1 rejected, 31753 filtered, 0 duplicate
stdout-lacks: keeps
