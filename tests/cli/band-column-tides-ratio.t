# micro vs mega on TIDES with its own tiers: 0.06599746578972221 / 0.024211193239438072
#   python3 -c "print(0.06599746578972221/0.024211193239438072)"  -> 2.7259071924723...
requires: ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv
args: describe ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv --band-column tier --er total_likes/total_videos/followers --boot 0 --format csv --table ratio
stdout-contains: micro,mega,1000,1000,2.72590719247235,bootstrap percentile
