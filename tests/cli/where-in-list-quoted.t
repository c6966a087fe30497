# A quoted item keeps its comma: 'food, drink' is one value (3 rows) and beauty another
# (1 row, hank, rejected for its date); frank's short row is rejected before the filters:
#   python3 -c "import csv; r=list(csv.DictReader(open('tests/data/tiny.csv',encoding='utf-8-sig'))); print(len(r), sum(x['niche'] in ('food, drink','beauty') for x in r))"  -> 11 4
args: inspect tests/data/tiny.csv --where "niche=('food, drink', beauty)"
stdout-contains: rows      11 read, 3 kept, 2 rejected, 6 filtered, 0 duplicate
