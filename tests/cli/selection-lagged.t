# Followers scraped on 2022-06-01, posts from 2019-2021 (tests/reference/selection.R,
# R 4.2.2: median lag 718 days, 195 of 200 posts over 180).
args: inspect tests/data/selection-lagged.csv --selection --format json
stdout-contains: "selection_warnings": 2
stdout-contains: selection: snapshot_lag: followers were read 718 days (median) after the posts ('scraped_at' minus 'posted_at'; 195 of 200 posts more than 180 days)
