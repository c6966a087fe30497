# TIDES TikTok: lifetime likes per video per follower.  python3 (csv, statistics.median,
# rows with total_videos > 0): micro 999, mega 1001 accounts, ratio 2.726.
requires: ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv
args: describe ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv --er total_likes/total_videos/followers --boot 200
stdout-contains: settings  er=total_likes/total_videos/followers,
stdout-contains: ratio_of_medians_micro_mega  2.726
