# Accounts are (platform, account): alice on Instagram and on TikTok is two accounts; an
# account whose follower count varies is reported with the rule used; --max-er is off
# by default, so carol (ER 1.255) is kept and flagged per band.  Expected counts:
# python3 tests/reference/platform_accounts.py  ("accounts 5", "split names 1",
# "followers vary 1", "posts with ER > 1 2", "suspect (ER > 1) by band {'nano': 1, ...}").
args: describe tests/data/platform-accounts.csv --boot 0
stdout-contains: accounts  5 (accounts with a defined ER)
stdout-contains: max_er=Inf
stdout-contains: 1 account names appear on more than one platform (or with and without one): each (platform, account) pair is its own account
stdout-contains: 1 accounts have a follower count that varies across their posts: an account's followers (and band) are the median over its posts
stdout-contains: 2 posts have ER above 1 (more interactions than followers), and 1 accounts (nano 1): kept; --max-er 1 drops those posts
stdout-contains: 1 of 2 micro accounts (50.0%) left out: missing count
stdout-lacks: above --max-er
