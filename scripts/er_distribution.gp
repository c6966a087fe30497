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
cols = (n_blocks <= 3) ? n_blocks : ceil(n_blocks / 2.0)
rows = (n_blocks <= 3) ? 1 : 2
set logscale x 10
set format x er_format
set xrange [er_min * pc / 1.3 : er_max * pc * 1.3]
# Margins in character cells: room for the tick labels and the axis titles.
ml = 7.0 / canvas_chars
mb = 3.4 / canvas_lines
panel_chars = canvas_chars * (0.985 - ml) / cols
# A tick per decade while each label ("10%") has about 6 characters of room.
if (er_max / er_min > 1e4 || panel_chars < 6 * log10(er_max / er_min * 1.69)) { set xtics 100 } else { set xtics 10 }
set yrange [0 : density_max * 1.08]
set ytics 0.5
set format y "%g"
unset key
spare = (rows * cols > n_blocks)
set multiplot layout rows, cols margins ml, 0.985, mb, 0.97 spacing 0.045, 1.8 / canvas_lines
# Shared axis titles, drawn with the first panel only.
set label 10 er_label at screen (ml + 0.985) / 2, 0.9 / canvas_lines center
density_label = fits_down("Density (per log10 unit)") ? "Density (per log10 unit)" : "Density"
set label 11 density_label at screen 1.2 / canvas_chars, (mb + 0.97) / 2 center rotate by 90
do for [i = 1:n_blocks] {
    set label 1 names[i] at graph 0.03, 0.95 left front
    set label 2 sprintf("n = %d", ns[i]) at graph 0.03, 0.95 offset 0, -1.1 left front textcolor rgb grey
    if ((i - 1) % cols != 0) { set format y "" } else { set format y "%g" }
    if (i == 1 && !spare) { set key top right samplen 1.2 } else { unset key }
    plot fh index (i - 1) using ($1 * pc):2 with fillsteps lc rgb bandcolor(bix[i]) fs transparent solid 0.35 notitle, \
         fh index (i - 1) using ($1 * pc):2 with steps lw 0.8 lc rgb bandcolor(bix[i]) notitle, \
         ff index (i - 1) using ($1 * pc):2 with lines lw 1.4 lc rgb ink title "Lognormal (MLE)", \
         ff index (i - 1) using ($1 * pc):3 with lines lw 1.4 dt 2 lc rgb ink title "Gamma (MLE)"
    unset label 10
    unset label 11
}
if (spare) {
    # The free panel holds the legend.
    unset label 1
    unset label 2
    set border 0
    unset tics
    unset logscale x
    set xrange [0 : 1]
    set yrange [0 : 1]
    set key center center samplen 2 spacing 1.4
    plot NaN with lines lw 1.4 lc rgb ink title "Lognormal (MLE)", \
         NaN with lines lw 1.4 dt 2 lc rgb ink title "Gamma (MLE)", \
         NaN with boxes fs solid 0.35 lc rgb grey title "Histogram"
}
unset multiplot
