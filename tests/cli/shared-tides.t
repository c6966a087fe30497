# Counts: tests/reference/load.R (R 4.2.2).
requires: ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv
args: inspect ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv
stdout-contains: rows      5000 read, 5000 kept, 0 rejected, 0 filtered, 0 duplicate
stdout-contains: followers_max     75000000
