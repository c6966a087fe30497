# A text column with no value in any row (here: role, since no column has a role)
# prints empty, not NA; numeric columns keep NA for a missing number.
args: inspect tests/data/no-roles.csv
exit: 0
stdout-contains: column  name   type         role  n_missing  n_distinct  min  max
stdout-contains:      1  label  categorical                0           2   NA   NA
