# For post units compare's bands table counts accounts in n_accounts (what --min-n
# counts), not posts:
#   python3 -c "import csv; r=[x for x in csv.DictReader(open('tests/data/posts-small.csv')) if x['likes']!='NA']; print([len({x['account'] for x in r if lo<=float(x['followers'])<hi}) for lo,hi in [(1e3,1e4),(1e4,5e4),(5e4,5e5),(5e5,1e6),(1e6,1e18)]])"
#   -> [1, 2, 1, 0, 1]
args: compare tests/data/posts-small.csv --unit post --boot 0 --min-n 2 --format csv --table bands
exit: 0
stdout-contains: nano,1,
stdout-contains: micro,2,
stdout-contains: mid,1,
stdout-contains: mega,1,
