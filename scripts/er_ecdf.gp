# er_ecdf.gp - figure 7: empirical CDF of engagement rate per band, one line each.
# Units with ER = 0 count in the fractions but sit left of the log axis.
# Band names (the legend) come from the data file.
f = fig_dir . fig_name . ".tsv"
fb = fig_dir . fig_name . "_bands.tsv"
array names[n_blocks]
array ns[n_blocks]
array bix[n_blocks]
stats fb using (names[int($1) + 1] = lab(3), ns[int($1) + 1] = $5, bix[int($1) + 1] = $2, 0) nooutput
stats f using ($1 * pc) nooutput
lo = STATS_min
hi = STATS_max
set logscale x 10
set format x er_format
eval log_tics("x", lo, hi)
set xrange [lo / 1.2 : hi * 1.2]
set yrange [0 : 1]
set ytics 0.25
set format y "%g"
set xlabel er_label
set ylabel fits_down("Cumulative fraction of " . unit_name) ? "Cumulative fraction of " . unit_name : "Cumulative fraction"
set key top left reverse Left
plot for [i = 1:n_blocks] f index (i - 1) using ($1 * pc):2 with steps lw 1.6 lc rgb bandcolor(bix[i]) \
     title names[i] . sprintf(" (n = %d)", ns[i])
