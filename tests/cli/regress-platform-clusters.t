# CR1 clusters are (platform, account): alice on Instagram and alice on TikTok are two
# clusters.  Posts with a defined ER: alice/instagram p1 p2, alice/tiktok p3, bob p4 p5,
# carol p6, frank p9 (dave's only post has no likes), so 5 clusters:
#   python3 -c "import csv; print(len({(r['platform'], r['account']) for r in csv.DictReader(open('tests/data/platform-accounts.csv')) if r['likes'] != 'NA'}))"
args: regress tests/data/platform-accounts.csv --unit post --format json
exit: 0
stdout-contains: "n_clusters": 5
