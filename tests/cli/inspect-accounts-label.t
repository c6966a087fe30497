# inspect counts distinct (platform, account) values among kept rows, before any
# rate: 6 here, where describe has 5 accounts with a defined ER (dave's only post
# has no likes).  Independent count:
#   awk -F, 'NR>1{print $3","$2}' tests/data/platform-accounts.csv | sort -u | wc -l   -> 6
args: inspect tests/data/platform-accounts.csv
stdout-contains: accounts  6 (distinct platform+account values in kept rows)
stdout-lacks: Rejected rows
