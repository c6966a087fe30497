# ~= ignores case: fashion, Fashion and food are 5 of the 6 rows; d (followers NA) is
# rejected after the filter, so 4 are kept and 1 filtered:
#   python3 -c "import csv; r=list(csv.DictReader(open('tests/data/where-decimal.csv'),delimiter=';')); print(sum(x['niche'].lower() in ('fashion','food') for x in r))"  -> 5
args: inspect tests/data/where-decimal.csv --where 'niche~=(FASHION, food)'
stdout-contains: rows      6 read, 4 kept, 1 rejected, 1 filtered, 0 duplicate
stdout-lacks: keeps
