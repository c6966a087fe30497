# An empty table is left out of the text (inspect-accounts-label.t) but --table NAME
# still prints its header in csv.
args: inspect tests/data/platform-accounts.csv --format csv --table rejected
--- stdout
reason,count,first_line,first_column
