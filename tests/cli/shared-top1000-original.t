# "1.2M" strings, duplicate headers, #VALOR! and N/A' missing tokens; rows and range
# from tests/reference/load.R (R 4.2.2).
requires: ../shared/datasets-external/smi2022-top1000-ig-tt-yt/original/youtube_2022-06.csv
args: inspect ../shared/datasets-external/smi2022-top1000-ig-tt-yt/original/youtube_2022-06.csv --format json
stdout-contains: "rows_read": 1021, "rows_kept": 1021
stdout-contains: duplicate column name 'Subscribers count' (column 6) renamed to 'Subscribers count.1'
stdout-contains: [5, "Subscribers count", "numeric", "followers", 0, null, 9300000, 217000000]
