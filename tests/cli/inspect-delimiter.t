# --delimiter overrides detection: the TSV read with ',' has one column.
args: inspect tests/data/accounts.tsv --delimiter , --format csv
stdout-contains: 1,username	followers	likes	comments,
