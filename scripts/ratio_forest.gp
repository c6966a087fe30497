# ratio_forest.gp - figure 5: ratio of median engagement rates between two bands per
# niche (squares; counts of the two bands beside the name) and over all niches
# (diamond), with bootstrap CIs (ci_method; boot replicates, seed) as in `engagestat
# compare`; the values are repeated on the right (show_values).  Niche and band
# names come from the data files, shortened by engagestat to the figure's width;
# show_counts and xlabel_form (0 long, 1 short, 2 bands only) were chosen the same way.
f = fig_dir . fig_name . ".tsv"
fp = fig_dir . fig_name . "_pair.tsv"
stats fp using (band_a = lab(1), band_b = lab(3), 0) nooutput
lo = ratio_low / 1.3
hi = ratio_high * 1.3
set logscale x 10
set xrange [lo : hi]
set format x "%g"
eval log_tics("x", lo, hi)
set yrange [-0.8 : n_rows + 1.8]
set link y2
set ytics scale 0
if (show_values) { set y2tics scale 0 } else { unset y2tics; set rmargin 2 }
set border 1
unset key
set xlabel (xlabel_form == 0 ? "Ratio of median engagement rates, " : xlabel_form == 1 ? "Ratio of medians, " : "") \
    . band_a . " / " . band_b
set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb grey back
set arrow 2 from graph 0, first 1 to graph 1, first 1 nohead lw 0.6 lc rgb "#D9D9D9" back
plot f using ($11 == 0 ? $8 : NaN):1:14:15 with xerrorbars pt 5 ps 0.7 lw 1.2 lc rgb ink, \
     f using ($11 == 1 ? $8 : NaN):1:14:15 with xerrorbars pt 13 ps 1.5 lw 1.4 lc rgb accent, \
     f using 8:1:yticlabels(lab(2) . (show_counts ? sprintf(" (%d / %d)", $4, $5) : "")) with points ps 0, \
     f using 8:1:y2ticlabels(!show_values ? "" : $16 > 0 ? sprintf("%.2f [%.2f, %.2f]", $8, $14, $15) : sprintf("%.2f", $8)) \
        axes x1y2 with points ps 0
