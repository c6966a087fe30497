# The PlayerSells X benchmarks are 8 rows of published band quantiles: engagestat says
# so precisely instead of describing them as 8 accounts.
requires: ../shared/datasets-external/playersells-x-benchmarks-2026/engagement_rate_by_follower_band.csv
args: describe ../shared/datasets-external/playersells-x-benchmarks-2026/engagement_rate_by_follower_band.csv
exit: 1
stderr-contains: this file is a table of band summaries, not accounts or posts: 8 rows of 'median_engagement_rate_pct' by 'follower_band'
