args: inspect tests/data/tiny.csv --where platform=instagram --dedupe post_id --format csv --table rejected
--- stdout
reason,count,first_line,first_column
wrong field count,1,10,7
