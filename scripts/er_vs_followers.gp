# er_vs_followers.gp - figure 2: engagement rate against followers, log-log.
# Grey dots: units (transparency falls with n); black: binned medians (four bins per
# decade, at least 10 units) with distribution-free CIs; orange: OLS of log10 ER on
# log10 followers with the CI of the mean line.  Dotted lines: band edges, named at
# the top (names from the data file).
fp = fig_dir . fig_name . "_points.tsv"
fb = fig_dir . fig_name . "_bins.tsv"
ff = fig_dir . fig_name . "_fit.tsv"
fr = fig_dir . fig_name . "_bands.tsv"
stats fp using ($2 * pc) nooutput
lo = STATS_min
hi = STATS_max
set logscale xy 10
set format x followers_format
set format y er_format
eval log_tics("y", lo, hi)
set xrange [followers_min / 1.3 : followers_max * 1.3]
set yrange [lo / 1.5 : hi * 4]
set y2range [0 : 1]
set xlabel "Followers"
set ylabel er_label_down
set key bottom left reverse Left
point_colour = sprintf("#%02X595959", int(255 * (1 - point_alpha)))
plot fr using 1:(0):(0):(0.93) axes x1y2 with vectors nohead dt 3 lw 0.8 lc rgb grey notitle, \
     fr using 3:(0.965):(lab(4)) axes x1y2 with labels textcolor rgb grey notitle, \
     fp using 1:($2 * pc) with points pt 7 ps 0.3 lc rgb point_colour notitle, \
     NaN with points pt 7 ps 0.5 lc rgb grey title sprintf("%s (n = %d%s)", unit_title, n_points, \
        point_stride > 1 ? sprintf(", 1 in %d shown", point_stride) : ""), \
     ff using 1:($3 * pc):($4 * pc) with filledcurves lc rgb accent fs transparent solid 0.25 noborder notitle, \
     ff using 1:($2 * pc) with lines lw 1.8 lc rgb accent \
        title sprintf("OLS fit, slope %.3f [%.3f, %.3f]", ols_slope, ols_slope_low, ols_slope_high), \
     fb using 3:($5 * pc):($6 * pc):($7 * pc) with yerrorbars pt 7 ps 0.6 lw 1.2 lc rgb ink \
        title sprintf("Binned median, %g", conf * 100) . pct . " CI"
