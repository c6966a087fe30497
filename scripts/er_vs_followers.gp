# er_vs_followers.gp - figure 2: engagement rate against followers, log-log.
# Grey dots: units (transparency falls with n); black: binned medians (four bins per
# decade, at least 10 units) with distribution-free CIs; orange: OLS of log10 ER on
# log10 followers with the CI of the mean line.  Dotted lines: band edges, named at
# the top (names from the data file; band_rows = 2 when engagestat moved a name one
# row down so that neighbours do not touch).  The key sits below the plot, off the
# points, with shorter titles when the width is small.
fp = fig_dir . fig_name . "_points.tsv"
fb = fig_dir . fig_name . "_bins.tsv"
ff = fig_dir . fig_name . "_fit.tsv"
fr = fig_dir . fig_name . "_bands.tsv"
fc = fig_dir . fig_name . "_curve.tsv"
# has_curve, curve_title: a fitted curve over the points (the shape the data support),
# set by engagestat; 0 when there is none
if (!exists("has_curve")) { has_curve = 0 }
stats fp using ($2 * pc) nooutput
lo = STATS_min
hi = STATS_max
set logscale xy 10
set format x followers_format
set format y er_format
eval log_tics("y", lo, hi)
set xrange [followers_min / 1.3 : followers_max * 1.3]
eval decade_tics("x", followers_min / 1.3, followers_max * 1.3, canvas_chars - 11, 4)
set yrange [lo / 1.5 : hi * 4]
set y2range [0 : 1]
set xlabel "Followers"
set ylabel er_label_down
set key outside below left Left reverse vertical maxrows (has_curve ? 4 : 3)
# Rows of band names: one line each out of the plot's height in lines (the canvas
# less the axes, their titles and the three lines of the key, four with a curve).
row_h = 1.1 / (canvas_lines - 7 - has_curve)
key_room = canvas_chars - 6
points_title = sprintf("%s (n = %d%s)", unit_title, n_points, point_stride > 1 ? sprintf(", 1 in %d shown", point_stride) : "")
if (strlen(points_title) > key_room) { points_title = sprintf("%s (n = %d)", unit_title, n_points) }
if (strlen(points_title) > key_room) { points_title = unit_title }
ols_title = sprintf("OLS fit, slope %.3f [%.3f, %.3f]", ols_slope, ols_slope_low, ols_slope_high)
if (strlen(ols_title) > key_room) { ols_title = sprintf("OLS fit, slope %.3f", ols_slope) }
if (strlen(ols_title) > key_room) { ols_title = "OLS fit" }
bins_title = sprintf("Binned median, %g", conf * 100) . pct . " CI"
if (strlen(bins_title) > key_room) { bins_title = "Binned median" }
if (strlen(curve_title) > key_room) { curve_title = "Best fit" }
point_colour = sprintf("#%02X595959", int(255 * (1 - point_alpha)))
plot fr using 1:(0):(0):(0.93 - (band_rows - 1) * row_h) axes x1y2 with vectors nohead dt 3 lw 0.8 lc rgb grey notitle, \
     fr using 3:(0.965 - $6 * row_h):($6 < 2 ? lab(4) : "") axes x1y2 with labels textcolor rgb grey notitle, \
     fp using 1:($2 * pc) with points pt 7 ps 0.3 lc rgb point_colour notitle, \
     NaN with points pt 7 ps 0.5 lc rgb grey title points_title, \
     ff using 1:($3 * pc):($4 * pc) with filledcurves lc rgb accent fs transparent solid 0.25 noborder notitle, \
     ff using 1:($2 * pc) with lines lw 1.8 lc rgb accent title ols_title, \
     fb using 3:($5 * pc):($6 * pc):($7 * pc) with yerrorbars pt 7 ps 0.6 lw 1.2 lc rgb ink \
        title bins_title, \
     (has_curve ? fc : fp) using 1:(has_curve ? $2 * pc : NaN) with lines lw 1.6 dt 2 lc rgb "#0072B2" \
        title (has_curve ? curve_title : "")
