# TIDES YouTube: lifetime views per subscriber (tot_views, a column by its name).
# Expected micro/mega ratio of medians from python3 (csv, statistics.median; hypeauditor
# bands micro [10k,50k), mega [1M,inf)): 513 and 509 accounts, 0.5952.
requires: ../shared/datasets-external/tides-tiktok-youtube-tiers/youtube_influencers.csv
args: describe ../shared/datasets-external/tides-tiktok-youtube-tiers/youtube_influencers.csv --er tot_views/followers --boot 200
stdout-contains: settings  er=tot_views/followers,
stdout-contains: micro      mega                 513            509    0.5952
stdout-contains: ratio_of_medians_micro_mega  0.5952
