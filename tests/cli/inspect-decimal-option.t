# --decimal . overrides the semicolon default: 10,5 is then not a number.
args: inspect tests/data/semicolon-decimal.csv --decimal . --format csv --table rejected
--- stdout
reason,count,first_line,first_column
unparsable number in likes,1,2,3
