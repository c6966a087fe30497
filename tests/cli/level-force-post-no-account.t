# --level post on a file with neither an account nor a post column: the data
# contradict it, a usage error naming --level.
args: describe tests/data/level-noaccount.csv --level post
exit: 2
stderr-contains: --level post: the file has no account column and no post column, so its rows cannot be posts of accounts
