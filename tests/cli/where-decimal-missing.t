# Decimal commas (';'-separated file): likes > 10 holds for 10,5 30 12,25; one row has
# no likes; row d (followers NA) is rejected after the filter:
#   python3 -c "import csv; r=list(csv.DictReader(open('tests/data/where-decimal.csv'),delimiter=';')); v=[float(x['likes'].replace(',','.')) for x in r if x['likes']]; print(sum(y>10 for y in v), sum(x['likes']=='' for x in r))"  -> 3 1
args: inspect tests/data/where-decimal.csv --where 'likes>10'
stdout-contains: rows      6 read, 2 kept, 1 rejected, 3 filtered, 0 duplicate
stdout-contains: 1 row has no likes (not kept by --where 'likes>10')
stdout-contains: settings  delimiter=;, decimal=,, gzip=0
