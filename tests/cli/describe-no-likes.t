args: describe tests/data/accounts-r.csv --er likes+shares/followers
exit: 1
--- stderr
engagestat: describe: the engagement rate likes+shares/followers needs a 'shares' column and none was found (use --map shares=COLUMN, or choose another --er)
