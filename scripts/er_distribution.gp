# er_distribution.gp - figure 3: distribution of engagement rate per band.
# One panel per band: histogram of log10 ER as density per log10 unit, with the fitted
# lognormal (solid) and gamma (dashed) densities on the same scale.  Panel titles
# (band names) are read from the data file.
fb = fig_dir . fig_name . "_bands.tsv"
fh = fig_dir . fig_name . "_hist.tsv"
ff = fig_dir . fig_name . "_fit.tsv"
array names[n_blocks]
array ns[n_blocks]
array bix[n_blocks]
stats fb using (names[int($1) + 1] = lab(3), ns[int($1) + 1] = $6, bix[int($1) + 1] = $2, 0) nooutput
# Three panels across while each keeps about 9 characters, else two (more rows).
cols = (n_blocks <= 3) ? n_blocks : ceil(n_blocks / 2.0)
if (cols > 2 && canvas_chars * 0.7 / cols < 9) { cols = 2 }
rows = ceil(n_blocks * 1.0 / cols)
set logscale x 10
set format x er_format
set xrange [er_min * pc / 1.3 : er_max * pc * 1.3]
# Margins in character cells: room for the tick labels and the axis titles.
# The right margin holds half of the last tick label ("100%"), so that the right
# panels are not cut at the edge.
ml = 7.0 / canvas_chars
mr = 1 - 2.6 / canvas_chars
mb = 3.4 / canvas_lines
panel_chars = canvas_chars * (mr - ml) / cols - 1
panel_lines = canvas_lines * (0.97 - mb) / rows - 1.8
# Ticks every decade, or every k decades, so that each label ("10%") has about 5
# characters of room.
x_lo = er_min * pc / 1.3
x_hi = er_max * pc * 1.3
x_k = decade_k(x_lo, x_hi, panel_chars, 4)
eval sprintf("set xtics %g, %g", 10.0**ceil(log10(x_lo)), 10.0**x_k)
# Headroom for the panel's name and n (two lines) above the histogram; a panel of
# fewer than 6 lines shows the name only.
show_n = panel_lines >= 6
head_lines = show_n ? 2.4 : 1.3
set yrange [0 : density_max * 1.05 / (1 - (head_lines / panel_lines < 0.45 ? head_lines / panel_lines : 0.45))]
if (panel_lines < 5) { set ytics 0, 1 } else { set ytics 0, 0.5 }
set format y "%g"
unset key
spare = (rows * cols > n_blocks)
set multiplot layout rows, cols margins ml, mr, mb, 0.97 spacing 0.045, 1.8 / canvas_lines
# Shared axis titles, drawn with the first panel only.
set label 10 er_label at screen (ml + mr) / 2, 0.9 / canvas_lines center
density_label = fits_down("Density (per log10 unit)") ? "Density (per log10 unit)" : "Density"
set label 11 density_label at screen 1.2 / canvas_chars, (mb + 0.97) / 2 center rotate by 90
do for [i = 1:n_blocks] {
    set label 1 names[i] at graph 0.03, 0.95 left front
    if (show_n) { set label 2 sprintf("n = %d", ns[i]) at graph 0.03, 0.95 offset 0, -1.1 left front textcolor rgb grey }
    if ((i - 1) % cols != 0) { set format y "" } else { set format y "%g" }
    if (i == 1 && !spare) { set key top right samplen 1.2 } else { unset key }
    plot fh index (i - 1) using ($1 * pc):2 with fillsteps lc rgb bandcolor(bix[i]) fs transparent solid 0.35 notitle, \
         fh index (i - 1) using ($1 * pc):2 with steps lw 0.8 lc rgb bandcolor(bix[i]) notitle, \
         ff index (i - 1) using ($1 * pc):2 with lines lw 1.4 lc rgb ink title "Lognormal (MLE)", \
         ff index (i - 1) using ($1 * pc):3 with lines lw 1.4 dt 2 lc rgb ink title "Gamma (MLE)"
    unset label 10
    unset label 11
}
if (spare && show_key) {
    # The free panel holds the legend (show_key: engagestat found room for it).
    unset label 1
    unset label 2
    set border 0
    unset tics
    unset logscale x
    set xrange [0 : 1]
    set yrange [0 : 1]
    # samples first, so that the key starts at the panel's left edge; the short
    # titles when the panel is narrow
    wide = panel_chars >= 20
    narrow = panel_chars < 14
    if (narrow) { set key at graph -0.08, graph 0.5 left center reverse Left samplen 1 spacing 1.3 } \
    else { set key at graph 0, graph 0.5 left center reverse Left samplen 2 spacing 1.4 }
    plot NaN with lines lw 1.4 lc rgb ink title (wide ? "Lognormal (MLE)" : "Lognormal"), \
         NaN with lines lw 1.4 dt 2 lc rgb ink title (wide ? "Gamma (MLE)" : "Gamma"), \
         NaN with boxes fs solid 0.35 lc rgb grey title "Histogram"
}
unset multiplot
