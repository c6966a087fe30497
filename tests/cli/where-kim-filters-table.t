# inspect's filters table: each filter counted on its own (tested, kept), and the rows
# each removed (the first filter a row fails), which sum to the 936 rows filtered:
#   python3 -c "import csv; r=list(csv.DictReader(open('../shared/datasets-external/kim2020-instagram-sample/posts.csv'))); print(len(r), sum(x['owner_matches_file']=='1' for x in r), sum(x['is_duplicate_post']=='0' for x in r), sum(x['owner_matches_file']=='1' and x['is_duplicate_post']=='1' for x in r))"
#   -> 39907 39070 39730 99 (so the first filter removes 39907-39070 = 837)
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'owner_matches_file=1' --where 'is_duplicate_post=0' --format csv --table filters
--- stdout
filter,tested,kept,removed,missing,not_parsed
owner_matches_file=1,39907,39070,837,0,0
is_duplicate_post=0,39907,39730,99,0,0
