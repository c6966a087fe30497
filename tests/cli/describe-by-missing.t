args: describe tests/data/accounts-r.csv --by niche
exit: 1
--- stderr
engagestat: describe: --by niche: the file has no niche column (use --map niche=COLUMN)
