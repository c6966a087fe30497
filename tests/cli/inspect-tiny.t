# Every rejection reason is counted, with its first line and column.
args: inspect tests/data/tiny.csv
stdout-contains: rows      11 read, 5 kept, 6 rejected, 0 filtered, 0 duplicate
stdout-contains: followers missing               1           7             4
stdout-contains: wrong field count               1          10             7
stdout-contains: unparsable date in date         1          13             6
stdout-contains: duplicate column name 'likes' (column 9) renamed to 'likes.1'
stdout-contains: level             post
