# The VN TikTok feed (SOURCE.md: videos collected from the For-You feed) is sampled on
# views: tests/reference/selection_shared.R (R 4.2.2) finds views above followers in
# 90.0% of 10088 rows (median views/followers 27.7) and followers read 23 days (median)
# after the posts: no snapshot lag; 857 of 6845 accounts have varying follower counts.
requires: ../shared/datasets-external/vn-tiktok-feed-2025/raw_data.csv
args: inspect ../shared/datasets-external/vn-tiktok-feed-2025/raw_data.csv --selection
stdout-contains: selection: trending_feed: the directory name 'vn-tiktok-feed-2025' says 'feed'; views exceed followers in 90.0% of 10088 rows (median views/followers 27.7)
stdout-contains: followers were read 23 days (median) after the posts ('vid_scrapeTime' minus 'vid_postTime'; 0 of 10091 posts more than 180 days)
stdout-lacks: selection: top_n
stdout-lacks: selection: rank_column
stdout-lacks: selection: snapshot_lag
stdout-contains: selection: followers_vary: 857 of 6845 accounts have a follower count that varies across their posts
