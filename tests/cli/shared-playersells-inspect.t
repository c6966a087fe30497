# inspect on the PlayerSells X benchmarks: a band summary, and why.
requires: ../shared/datasets-external/playersells-x-benchmarks-2026/engagement_rate_by_follower_band.csv
args: inspect ../shared/datasets-external/playersells-x-benchmarks-2026/engagement_rate_by_follower_band.csv
stdout-contains: level_evidence  band summary: 8 rows of 'follower_band' with p25/median/p75 ('median_engagement_rate_pct') and no follower counts
