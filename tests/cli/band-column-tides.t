# TIDES TikTok: the tier column as the bands, lifetime likes per video per follower.
# Medians per tier (1,000 accounts each):
#   python3 -c "import csv,statistics as s; r=list(csv.DictReader(open('../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv'))); [print(t, s.median([float(x['total_likes'])/float(x['total_videos'])/float(x['followers']) for x in r if x['tier']==t])) for t in ('nano','micro','mid','macro','mega')]"
#   -> nano 0.13155095365199582, micro 0.06599746578972221, mid 0.03187819353529474,
#      macro 0.02713657892254356, mega 0.024211193239438072 (micro/mega 2.726)
# and the tier ranges of followers are those of SOURCE.md (nano 1,007-9,968, ...).
requires: ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv
args: describe ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv --band-column tier --er total_likes/total_videos/followers --boot 0 --format csv --table describe --digits 4
stdout-contains: nano,1007-9968,1000,1000,0.7446,2.362,0.1316,
stdout-contains: micro,10.1k-50.5k,1000,1000,0.3281,1.91,0.066,
stdout-contains: mid,50k-498.5k,1000,1000,0.1331,1.854,0.03188,
stdout-contains: macro,501.3k-1M,1000,1000,0.06666,0.3024,0.02714,
stdout-contains: mega,1M-75M,1000,1000,0.04823,0.2592,0.02421,
