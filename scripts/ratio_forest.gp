# ratio_forest.gp - figure 5: ratio of median engagement rates between two bands per
# niche (squares), sorted by the ratio, and over all niches (diamond), with bootstrap
# CIs (ci_method; boot replicates, seed) as in `engagestat compare`.  Columns under
# headers: the niche name at the left edge, the counts of the two bands beside the
# axis (show_counts) and the ratio with its CI on the right (show_values); the label
# columns take left_chars and right_chars characters, at most half the width, so the
# plot area keeps the other half.  Niche and band names come from the data files,
# shortened by engagestat to the figure's width; caption says what was left out.
f = fig_dir . fig_name . ".tsv"
fp = fig_dir . fig_name . "_pair.tsv"
stats fp using (band_a = lab(1), band_b = lab(3), 0) nooutput
array names[n_lines]
array ys[n_lines]
stats f using (names[int($0) + 1] = lab(2), ys[int($0) + 1] = $1, 0) nooutput
lo = ratio_low / 1.3
hi = ratio_high * 1.3
head_y = n_rows + 2.1
set logscale x 10
set xrange [lo : hi]
set format x "%g"
eval log_tics("x", lo, hi)
set yrange [-0.8 : head_y + 0.7]
set link y2
if (show_counts) { set ytics scale 0 } else { unset ytics }
if (show_values) { set y2tics scale 0 } else { unset y2tics }
set lmargin left_chars
set rmargin right_chars
set border 1
unset key
set xlabel (xlabel_form == 0 ? "Ratio of median engagement rates, " : xlabel_form == 1 ? "Ratio of medians, " : "") \
    . band_a . " / " . band_b
if (strlen(caption) > 0) {
    set bmargin 4.6
    set label 2 (is_tex ? caption_tex : caption) at character 1, character 0.8 left textcolor rgb grey
}
# Headers, then the names (left-aligned at the left edge).
set label 3 "Niche" at character 1, first head_y left textcolor rgb grey
if (show_counts) {
    set label 4 (count_head_long ? "n, " . band_a . " / " . band_b : "n") at graph 0, first head_y right offset character -1, 0 \
        textcolor rgb grey
}
if (show_values) {
    set label 5 (any_ci ? sprintf("Ratio [%g", conf * 100) . pct . " CI]" : "Ratio") at graph 1, first head_y left \
        offset character 1, 0 textcolor rgb grey
}
do for [i = 1:n_lines] {
    set label (10 + i) names[i] at character 1, first ys[i] left
}
set arrow 1 from 1, first -0.8 to 1, first n_rows + 1.6 nohead dt 2 lc rgb grey back
set arrow 2 from graph 0, first 1 to graph 1, first 1 nohead lw 0.6 lc rgb "#D9D9D9" back
plot f using ($11 == 0 ? $8 : NaN):1:14:15 with xerrorbars pt 5 ps 0.7 lw 1.2 lc rgb ink, \
     f using ($11 == 1 ? $8 : NaN):1:14:15 with xerrorbars pt 13 ps 1.5 lw 1.4 lc rgb accent, \
     f using 8:1:yticlabels(sprintf("%d / %d", $4, $5)) with points ps 0, \
     f using 8:1:y2ticlabels($16 > 0 ? sprintf("%.2f [%.2f, %.2f]", $8, $14, $15) : sprintf("%.2f", $8)) \
        axes x1y2 with points ps 0
