# taken_at_utc is a date column: it compares as seconds, the numbers inspect shows as
# its min and max.  No post is later than the maximum, 1557899245:
#   python3 -c "import csv; print(sum(int(r['taken_at_unix'])>1557899245 for r in csv.DictReader(open('../shared/datasets-external/kim2020-instagram-sample/posts.csv'))))"  -> 0
# so the filter keeps no row and loading stops naming it (39,907 rows read).
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: inspect ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'taken_at_utc>1557899245'
exit: 1
stderr-contains: --where left no row (39,907 rows read): 'taken_at_utc>1557899245' removed 39,907 (it keeps no row)
