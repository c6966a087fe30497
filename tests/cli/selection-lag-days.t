# --lag-days above the median lag (718 days, tests/reference/selection.R): no warning.
args: inspect tests/data/selection-lagged.csv --selection --lag-days 1000 --format csv --table selection
stdout-contains: snapshot_lag,no,followers were read 718 days (median)
