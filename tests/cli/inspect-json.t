args: inspect tests/data/semicolon.csv --format json
--- stdout
{
  "engagestat": "0.3.1",
  "command": "inspect",
  "input": {"path": "tests/data/semicolon.csv", "sha256": "9c3390ef9bdc1f28b802921321dbf8ff4719d8a7e45a11f8e575f7d898fa74a2", "rows_read": 2, "rows_kept": 2, "rows_rejected": {}, "rows_rejected_total": 0, "rows_filtered": 0, "rows_duplicate": 0, "accounts": 2, "level": "account", "accounts_counted": "distinct account values in kept rows"},
  "settings": {"delimiter": ";", "decimal": ",", "gzip": 0, "command_line": "engagestat inspect --format json tests/data/semicolon.csv"},
  "tables": {
    "columns": {"columns": ["column", "name", "type", "role", "n_missing", "n_distinct", "min", "max"], "rows": [
      [1, "handle", "categorical", "account", 0, 2, null, null],
      [2, "followers", "numeric", "followers", 0, null, 1000, 2000],
      [3, "avg_likes", "numeric", "likes", 0, null, 10, 30],
      [4, "avg_comments", "numeric", "comments", 0, null, 1, 2]]},
    "rejected": {"columns": ["reason", "count", "first_line", "first_column"], "rows": []}
  },
  "values": {"followers_min": 1000, "followers_median": 1500, "followers_max": 2000, "accounts": 2, "level": "account", "level_evidence": "account: 'avg_likes' holds averages per account"},
  "warnings": []
}
