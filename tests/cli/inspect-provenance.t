# inspect's JSON records the command line and each --where as given.
args: inspect tests/data/posts-small.csv --where 'likes > 5' --format json
exit: 0
stdout-contains: "command_line": "engagestat inspect --where 'likes > 5' --format json tests/data/posts-small.csv"
stdout-contains: "where": "likes > 5"
