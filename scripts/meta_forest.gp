# meta_forest.gp - the ratio of median engagement rates of each dataset (squares
# sized by random-effects weight, with its interval at level conf; datasets not pooled
# open and grey, their label ending in " *"), a dashed line at 1, and the random-effects
# summary across the datasets whose definitions match (a diamond spanning its interval)
# when there is one.  Dataset names, the summary's label and its heterogeneity line come
# from the data files (fig_name.tsv, fig_name_note.tsv), shortened by engagestat to the
# figure's width; show_values (the ratios on the right) was chosen the same way.
# Column 7 of fig_name.tsv: 1 pooled, 0 not pooled, 2 the summary row (its label only;
# the diamond is fig_name_diamond.tsv, a polygon outside the range when there is none).
f = fig_dir . fig_name . ".tsv"
fd = fig_dir . fig_name . "_diamond.tsv"
fn = fig_dir . fig_name . "_note.tsv"
stats fn using (note_text = lab(1), 0) nooutput
lo = ratio_low / 1.3
hi = ratio_high * 1.3
set logscale x 10
set xrange [lo : hi]
set format x "%g"
eval log_tics("x", lo, hi)
set yrange [(has_summary ? -0.8 : 0.2) : n_rows + 0.8]
set link y2
set ytics scale 0
if (show_values) { set y2tics scale 0 } else { unset y2tics; set rmargin 2 }
set border 1
unset key
set xlabel "Ratio of median engagement rates (log scale)"
if (strlen(note_text) > 0) { set label 1 note_text at screen 0.02, screen 0.03 left textcolor rgb grey front }
set bmargin 5
set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb grey back
if (has_summary) { set arrow 2 from graph 0, first 0.5 to graph 1, first 0.5 nohead lw 0.6 lc rgb "#D9D9D9" back }
plot f using ($7 == 1 ? $4 : NaN):1:5:6 with xerrorbars pt 5 ps 0 lw 1.2 lc rgb ink, \
     f using ($7 == 1 ? $4 : NaN):1:10 with points pt 5 ps variable lc rgb ink, \
     f using ($7 == 0 ? $4 : NaN):1:5:6 with xerrorbars pt 4 ps 0.8 lw 1.0 lc rgb grey, \
     fd using 1:2 with filledcurves closed fc rgb accent fs solid 1.0 noborder, \
     f using 4:1:yticlabels(lab(2)) with points ps 0, \
     f using 4:1:y2ticlabels(!show_values ? "" : $8 > 0 ? sprintf("%.2f [%.2f, %.2f]", $4, $5, $6) : sprintf("%.2f", $4)) \
        axes x1y2 with points ps 0
