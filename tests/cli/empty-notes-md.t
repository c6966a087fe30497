# A missing text cell (a column without a role, a note not set) prints empty, not NA,
# in md and latex; missing numbers stay NA (md) and -- (latex).
args: inspect tests/data/tiny.csv --format md
stdout-contains: | 9 | likes.1 | categorical |  | 0 | 1 | NA | NA |
stdout-lacks: | NA | 0 | 1 |
