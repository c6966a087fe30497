# --min-n counts accounts for post units, in fit as in describe and compare: micro
# (10k-50k) has 3 posts with a defined ER from 2 accounts (b: posts 4 and 5, g: post 10;
# f's post 9 has no likes), so --min-n 3 leaves it unfitted:
#   python3 -c "import csv; r=[x for x in csv.DictReader(open('tests/data/posts-small.csv')) if 10000<=float(x['followers'])<50000 and x['likes']!='NA']; print(len(r), len({x['account'] for x in r}))"
args: fit tests/data/posts-small.csv --unit post --min-n 3 --no-powerlaw --format csv
exit: 0
stdout-contains: micro,lognormal,3,
stdout-contains: n = 2 < min_n 3: no fit
