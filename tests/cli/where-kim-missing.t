# Two rows have no follower count; an ordering comparison does not keep them, and says so:
#   python3 -c "import csv; r=list(csv.DictReader(open('../shared/datasets-external/kim2020-instagram-sample/posts.csv'))); print(sum(x['followers']=='' for x in r), sum(x['followers']!='' and int(x['followers'])>10000 for x in r))"  -> 2 25122
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'followers>10000' --where 'owner_matches_file<=1'
stdout-contains: rows      39907 read, 25122 kept, 0 rejected, 14785 filtered, 0 duplicate
stdout-contains: 2 rows have no followers (not kept by --where 'followers>10000')
stdout-contains: --where 'owner_matches_file<=1' keeps every row (39,907)
