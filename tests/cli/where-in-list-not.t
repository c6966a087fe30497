# != with a list is "not in": 2 rows (c food, e travel) are neither fashion nor Fashion:
#   python3 -c "import csv; r=list(csv.DictReader(open('tests/data/where-decimal.csv'),delimiter=';')); print(sum(x['niche'] not in ('fashion','Fashion') for x in r))"  -> 2
args: inspect tests/data/where-decimal.csv --where 'niche!=(fashion,Fashion)' --format csv --table filters
--- stdout
filter,tested,kept,removed,missing,not_parsed
"niche!=(fashion,Fashion)",6,2,4,0,0
