# TikTok per view the micro/mega ordering flips (0.88 < 1) where per follower it is
# 66x: a feed sample selected on virality (SOURCE.md).  Independent value (standard
# library only): python3 tests/reference/micro_mega.py \
#   ../shared/datasets-external/vn-tiktok-feed-2025/raw_data.csv user_name user_nfollower vid_nview vid_nlike vid_ncomment
#   -> 1523 725 0.884085
requires: ../shared/datasets-external/vn-tiktok-feed-2025/raw_data.csv
args: describe ../shared/datasets-external/vn-tiktok-feed-2025/raw_data.csv --er '(likes+comments)/views' --boot 0 --format csv --table ratio
exit: 0
stdout-contains: micro,mega,1523,725,0.88408
