# The study across three real datasets, each with its own definition (docs/datasets.md):
# Kim per follower 1.27, TIDES TikTok lifetime likes per video per follower 2.73, the VN
# TikTok feed per view 0.88 (the sign flips). Independent values: shared-kim-ratio.t,
# shared-tides-tiktok-lifetime.t, shared-vn-per-view.t.
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
valgrind: skip
args: reproduce -o $TMP/r --boot 100 --perm 99 --no-figures ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --label kim + ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv --er total_likes/total_videos/followers --label tides-tiktok + ../shared/datasets-external/vn-tiktok-feed-2025/raw_data.csv --er '(likes+comments)/views' --label vn-feed
exit: 0
stdout-contains: kim: micro/mega median ER ratio 1.27 [
stdout-contains: tides-tiktok: micro/mega median ER ratio 2.73 [
stdout-contains: vn-feed: micro/mega median ER ratio 0.88 [
stdout-contains: claims: 1 not supported;
check: grep -q '| kim | er=likes+comments/followers;' $TMP/r/report.md && grep -q '| vn-feed | er=likes+comments/views;' $TMP/r/report.md
check: grep -q '^## Across the datasets$' $TMP/r/report.md && grep -q '^- vn-feed not pooled: definition differs: er: likes+comments/views vs likes+comments/followers' $TMP/r/report.md
