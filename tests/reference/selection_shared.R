# selection_shared.R — the numbers tests/cli/selection-shared-*.t expect on the shared
# datasets (../shared/datasets-external), computed independently of engagestat.
# Run from the repository root:  Rscript tests/reference/selection_shared.R   (R 4.2.2)
d <- "../shared/datasets-external/"
kmb <- function(x) {                    # "304.9K" -> 304900, "1.4M" -> 1.4e6
  x <- trimws(as.character(x)); m <- rep(1, length(x))
  m[grepl("[Kk]$", x)] <- 1e3; m[grepl("[Mm]$", x)] <- 1e6; m[grepl("[Bb]$", x)] <- 1e9
  suppressWarnings(as.numeric(sub("[KkMmBb]$", "", x)) * m)
}
# SMI top-1000: rank runs 1..1000 without gaps within each platform; smallest followers.
smi <- read.csv(paste0(d, "smi2022-top1000-ig-tt-yt/tidy_2022-12_all_platforms.csv"))
for (p in unique(smi$platform)) {
  r <- smi$rank[smi$platform == p]
  cat("smi", p, ": rank", min(r), "..", max(r), "gaps", max(r) - length(unique(r)),
      "min followers", min(smi$followers[smi$platform == p]), "\n")
}
dr <- diff(smi$rank); dr <- dr[dr != 0]
cat("smi: rank ascending in", sum(dr > 0), "of", length(dr), "adjacent pairs\n")

# VN TikTok feed: views above followers, and scrape time minus post time.
vn <- read.csv(paste0(d, "vn-tiktok-feed-2025/raw_data.csv"), encoding = "UTF-8", check.names = FALSE)
names(vn) <- sub("^\ufeff", "", names(vn))
f <- kmb(vn$user_nfollower); v <- kmb(vn$vid_nview)
keep <- !is.na(f) & f > 0                        # the loader rejects the others
ok <- keep & !is.na(v) & v > 0
cat(sprintf("vn: views exceed followers in %.1f%% of %d rows (median views/followers %.3g)\n",
            100 * mean(v[ok] > f[ok]), sum(ok), median(v[ok] / f[ok])))
pt <- as.POSIXct(vn$vid_postTime, tz = "UTC"); st <- as.POSIXct(vn$vid_scrapeTime, tz = "UTC")
lag <- as.numeric(difftime(st[keep], pt[keep], units = "days"))
cat(sprintf("vn: median lag %.0f days, %d of %d over 180\n", median(lag), sum(lag > 180), sum(keep)))

# Kim: no scrape column; if one crawl, after the latest post: median(latest - taken_at).
kim <- read.csv(paste0(d, "kim2020-instagram-sample/posts.csv"))
kim <- kim[!is.na(kim$followers), ]
t <- kim$taken_at_unix
cat(sprintf("kim: one-crawl bound %.0f days (median)\n", median((max(t) - t) / 86400)))
# ... and from accounts with several posts (one follower count, read after the latest)
np <- ave(t, kim$file_influencer, FUN = length); lt <- ave(t, kim$file_influencer, FUN = max)
b <- ((lt - t) / 86400)[np > 1]
cat(sprintf("kim: per-account bound %.0f days (median), %d of %d posts over 180\n", median(b), sum(b > 180), length(b)))
nf <- tapply(kim$followers, kim$file_influencer, function(x) length(unique(x)))
cat("kim:", sum(nf > 1), "of", length(nf), "accounts with a varying follower count\n")

# TIDES TikTok: band (HypeAuditor edges) x commerceCategory cells under 10 accounts.
td <- read.csv(paste0(d, "tides-tiktok-youtube-tiers/tiktok_influencers.csv"))
band <- cut(td$followers, c(1e3, 1e4, 5e4, 5e5, 1e6, Inf), right = FALSE,
            labels = c("nano", "micro", "mid", "macro", "mega"))
has <- !(td$commerceCategory %in% c("", "none"))   # the loader reads "none" as missing
niche <- td$commerceCategory[has]
tab <- table(band[has], niche)
cat("tides:", sum(tab < 10), "of", length(tab), "band x niche cells under 10 accounts\n")

# VN: accounts (user_name) whose follower count varies across their posts, among the
# posts with a defined (likes+comments)/followers (the units: comments missing in 41).
u <- keep & !is.na(kmb(vn$vid_nlike)) & !is.na(kmb(vn$vid_ncomment))
nv <- tapply(f[u], vn$user_name[u], function(x) length(unique(x)))
cat("vn:", sum(nv > 1), "of", length(nv), "accounts with a varying follower count\n")

# Kim: band x category cells under 10 accounts (an account: file_influencer, its
# followers and category are the same on each of its posts).
ka <- kim[!duplicated(kim$file_influencer), ]
kb <- cut(ka$followers, c(1e3, 1e4, 5e4, 5e5, 1e6, Inf), right = FALSE,
          labels = c("nano", "micro", "mid", "macro", "mega"))
kt <- table(kb, ka$category)
cat("kim:", sum(kt < 10), "of", length(kt), "band x niche cells under 10 accounts\n")
cat(R.version.string, "\n")
