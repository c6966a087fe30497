# A share above 5% of a band is named in a warning; the units left are 4
# (python3 tests/reference/platform_accounts.py 1: "accounts 4").
args: describe tests/data/platform-accounts.csv --boot 0 --max-er 1
stdout-contains: accounts  4 (accounts with a defined ER)
stdout-contains: 1 of 3 nano accounts (33.3%) left out: above --max-er 1
stdout-contains: Exclusions by band (rows and units left out)
stdout-lacks: have ER above 1
stdout-lacks: drops those posts
