# Post units resample accounts, and an account is (platform, account): the "all" row
# counts 5 accounts behind 7 posts, not 4 (alice on Instagram and TikTok are two).
# python3 tests/reference/platform_accounts.py: "accounts 5"; posts with a defined ER:
#   awk -F, 'NR>1 && $5!="NA"' tests/data/platform-accounts.csv | wc -l   -> 7
args: describe tests/data/platform-accounts.csv --boot 0 --unit post --format csv
stdout-contains: all,all,5,7,
