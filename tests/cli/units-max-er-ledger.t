# With --max-er set, the exclusions table says per band how many rows and units each
# exclusion removed (bob loses one post and stays; carol loses her only post), and
# csv's default table is still the analysis's own.  Expected counts:
# python3 tests/reference/platform_accounts.py 1  ("ledger rows {('nano', 'above
# --max-er'): 2, ('micro', 'missing count'): 1}", "ledger units {('nano', ...): 1,
# ('micro', ...): 1}"); shares: nano 1 of 3 units (alice, bob kept), micro 1 of 2.
args: describe tests/data/platform-accounts.csv --boot 0 --max-er 1 --format csv --table exclusions
--- stdout
band,reason,rows,units,share
nano,above --max-er 1,2,1,0.333333333333333
micro,missing count,1,1,0.5
