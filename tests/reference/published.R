# Counts for tests/test_published.c from datasets/published_benchmarks.csv (R 4.2.2):
#   Rscript tests/reference/published.R
x <- read.csv("datasets/published_benchmarks.csv", encoding = "UTF-8", stringsAsFactors = FALSE)
cat("rows", nrow(x), "\n")
cat("er in (0,1):", all(x$er > 0 & x$er < 1), "\n")
print(table(x$definition))
# The matching rule for likes+comments/followers on Instagram: a single typical figure
# with follower edges (an empty edge beside a given one is open).
m <- x$definition == "likes+comments/followers" & tolower(x$platform) == "instagram" &
     is.na(x$er_high) & x$statistic %in% c("mean", "median", "unknown") &
     !(is.na(x$followers_low) & is.na(x$followers_high))
cat("matched", sum(m), "other", sum(!m), "\n")
lo <- ifelse(is.na(x$followers_low), 0, x$followers_low)[m]
hi <- ifelse(is.na(x$followers_high), Inf, x$followers_high)[m]
# hypeauditor bands: a row lies within [edge k, edge k+1]
e <- c(1e3, 1e4, 5e4, 5e5, 1e6, Inf)
cat("per band (nano micro mid macro mega):",
    sapply(1:5, function(k) sum(lo >= e[k] & hi <= e[k + 1] & lo < hi)), "\n")
cat("matched sources:", sort(unique(x$source[m])), sep = "\n  ")
cat("\n")
cat("ranges", sum(!is.na(x$er_high)), "no edges", sum(is.na(x$followers_low) & is.na(x$followers_high)),
    "thresholds", sum(x$statistic == "threshold"), "\n")
cat("interactions/followers on TikTok, matched:",
    sum(x$definition == "interactions/followers" & x$platform == "TikTok" & is.na(x$er_high) &
        !(is.na(x$followers_low) & is.na(x$followers_high))), "\n")
