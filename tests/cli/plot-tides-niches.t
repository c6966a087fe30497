# TIDES TikTok has 38 commerce niches: at the default 12 x 8 cm figure 4 names the
# 13 largest (es_plot_text_rows: 8 cm at 9 pt x 1.2 is 21 lines, less 7 for the axes
# and the pooled row) and pools the other 25, so that no label overprints another.
valgrind: skip
requires: ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv
args: plot ../shared/datasets-external/tides-tiktok-youtube-tiers/tiktok_influencers.csv --er total_likes/total_videos/followers --map niche=commerceCategory -o $TMP/figs --boot 100
exit: 0
stdout-contains: note: figure 4 shows the 13 largest of 38 niches and pools the other 25 as 'Other niches (25)' (--top-niches 13, the most that fit the figure's height)
check: test "$(awk -F'\t' '!/^#/ {print $2}' $TMP/figs/fig4.tsv | sort -u | wc -l)" = 14
check: ! ls $TMP/figs/*.log 2>/dev/null
