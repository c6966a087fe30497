# Numbers a double cannot hold are rejected as out of range and counted by reason:
# 1e400 (overflow, was "unparsable number") and 1e-400 (underflows to 0; was read as 0
# silently); 4e-320 is a subnormal double and is kept, as R reads it.  -0 as a count is 0 (R: as.numeric("-0") == 0, tests/reference/
# compare_issue16.R) and printed as 0, never -0.
args: inspect tests/data/h16-numbers.csv
stdout-contains: rows      6 read, 4 kept, 2 rejected, 0 filtered, 0 duplicate
stdout-contains: number out of range in followers      1           3             2
stdout-contains: number out of range in likes          1           4             3
stdout-lacks: -0 
stdout-lacks: unparsable
