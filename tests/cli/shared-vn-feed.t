# Counts: tests/reference/load.R (R 4.2.2); first_line and first_column are the physical
# positions of the first such row in the file.
requires: ../shared/datasets-external/vn-tiktok-feed-2025/raw_data.csv
args: inspect ../shared/datasets-external/vn-tiktok-feed-2025/raw_data.csv --format csv --table rejected
--- stdout
reason,count,first_line,first_column
followers zero or negative,6,859,2
followers missing,5,2233,2
