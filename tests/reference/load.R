# Reference counts for tests/test_load.c and tests/cli/shared-*.t (R 4.2.2).
# Run from the repository root with ../shared beside it: Rscript tests/reference/load.R
S <- "../shared/datasets-external"
human <- function(x) {  # "304.9K" -> 304900, "1.2M" -> 1.2e6, "" -> NA
  x <- trimws(x); m <- c(K = 1e3, M = 1e6, B = 1e9)
  suf <- toupper(substring(x, nchar(x)))
  v <- suppressWarnings(as.numeric(ifelse(suf %in% names(m), substring(x, 1, nchar(x) - 1), x)))
  ifelse(suf %in% names(m), v * m[suf], v)
}
p <- read.csv(file.path(S, "kim2020-instagram-sample/posts.csv"), colClasses = "character")
k <- p[p$owner_matches_file == "1" & p$is_duplicate_post == "0", ]
cat("kim posts: read", nrow(p), "pass filters", nrow(k), "accounts", length(unique(k$file_influencer)),
    "followers missing", sum(k$followers == ""), "kept", sum(k$followers != ""),
    "kept accounts", length(unique(k$file_influencer[k$followers != ""])), "\n")
i <- read.delim(file.path(S, "kim2020-instagram-sample/influencers.txt"), colClasses = "character")
i <- i[!grepl("^=+$", i$Username), ]
cat("kim influencers: rows", nrow(i), "median followers", median(as.numeric(i$X.Followers)), "\n")
for (f in c("tides-tiktok-youtube-tiers/tiktok_influencers.csv", "tides-tiktok-youtube-tiers/youtube_influencers.csv",
            "smi2022-top1000-ig-tt-yt/tidy_2022-12_all_platforms.csv")) {
  d <- read.csv(file.path(S, f))
  cat(f, ": rows", nrow(d), "followers", range(d$followers), "\n")
}
v <- read.csv(file.path(S, "vn-tiktok-feed-2025/raw_data.csv"), colClasses = "character", encoding = "UTF-8")
fv <- human(v$user_nfollower)
cat("vn raw_data: rows", nrow(v), "followers missing", sum(is.na(fv)), "zero", sum(fv == 0, na.rm = TRUE),
    "kept", sum(!is.na(fv) & fv > 0), "range", range(fv[!is.na(fv) & fv > 0]), "\n")
y <- read.csv(file.path(S, "smi2022-top1000-ig-tt-yt/original/youtube_2022-06.csv"), check.names = FALSE,
              colClasses = "character")
cat("youtube_2022-06: rows", nrow(y), "subscribers", range(human(y[[5]])), "\n")
# Output (R 4.2.2, 2026-11-26):
# kim posts: read 39907 pass filters 38971 accounts 22639 followers missing 2 kept 38969 kept accounts 22638
# kim influencers: rows 33935 median followers 16125
# tides-tiktok-youtube-tiers/tiktok_influencers.csv : rows 5000 followers 1007 75000000
# tides-tiktok-youtube-tiers/youtube_influencers.csv : rows 2554 followers 1460 60300000
# smi2022-top1000-ig-tt-yt/tidy_2022-12_all_platforms.csv : rows 3003 followers 10300 579800000
# vn raw_data: rows 10102 followers missing 5 zero 6 kept 10091 range 25 8e+07
# youtube_2022-06: rows 1021 subscribers 9300000 2.17e+08

# Repeated header names (tests/cli/inspect-header-repeated.t), R 4.2.2:
#   Rscript -e 'cat(make.unique(trimws(c("x","x","x.1","x","a"," x "))), "\n")'
#   x x.2 x.1 x.3 a x.4
