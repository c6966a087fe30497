# An IN list: COLUMN=(A, B).  niche is fashion or food on 4 rows (a c d f); d has no
# followers and is rejected after the filter:
#   python3 -c "import csv; r=list(csv.DictReader(open('tests/data/where-decimal.csv'),delimiter=';')); print(sum(x['niche'] in ('fashion','food') for x in r), sum(x['niche'] in ('fashion','food') and x['followers']=='NA' for x in r))"  -> 4 1
args: inspect tests/data/where-decimal.csv --where 'niche=(fashion, food)' --format csv --table filters
--- stdout
filter,tested,kept,removed,missing,not_parsed
"niche=(fashion, food)",6,4,2,0,0
