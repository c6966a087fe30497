# er_by_band.gp - figure 1: engagement rate by follower band.
# Box: quartiles; dark line: median; dark notch: its distribution-free CI (level conf);
# whiskers: most extreme values within 1.5 IQR on the log scale; dots: values beyond.
# Tick labels (band name and n) come from the data file.
# With --reference: published band medians (diamonds) and their q25-q75 (thin bars) beside
# each box, from fig1_reference.tsv, whose source name is the legend.
f = fig_dir . fig_name . ".tsv"
fo = fig_dir . fig_name . "_outliers.tsv"
fr = fig_dir . fig_name . "_reference.tsv"
if (!exists("n_reference")) { n_reference = 0 }
ref_title = ""
if (n_reference > 0) {
    stats fr using (ref_title = "published (" . lab(9) . ")", 0) nooutput
}
lo = er_min * pc
hi = er_max * pc
set logscale y 10
set format y er_format
eval log_tics("y", lo, hi)
set yrange [lo / 1.4 : hi * 1.4]
set xrange [-0.6 : n_bands - 0.4]
set xtics scale 0
set xlabel "Follower band" offset 0, -0.9
set bmargin 5.2
set ylabel er_label_down
unset key
if (n_reference > 0) { set key tmargin center horizontal reverse Left samplen 1 }
bw = 0.3
# "n = 12345" under each band name where there is room, else the count alone.
n_format = (canvas_chars - 9.0) / n_bands >= n_digits + 5 ? "n = %d" : "%d"
set boxwidth 2 * bw absolute
# The points beyond the whiskers, when there are any (an empty file would make gnuplot warn).
dots = n_outliers > 0 ? 'fo using 1:($2 * pc) with points pt 7 ps 0.25 lc rgb "#A0595959" notitle,' : ''
refs = n_reference > 0 ? 'fr using 1:($6 * pc):(0):(($8 - $6) * pc) with vectors nohead lw 0.8 lc rgb ink notitle, fr using 1:($7 * pc) with points pt 13 ps 0.7 lc rgb ink title ref_title,' : ''
plot @dots @refs \
     f using 1:($7 * pc):($6 * pc):($10 * pc):($9 * pc):(bandrgb($1)) \
        with candlesticks whiskerbars 0.5 lw 1 lc rgb variable fs transparent solid 0.35 border notitle, \
     f using 1:($8 * pc):($1 - 0.4 * bw):($1 + 0.4 * bw):($11 * pc):($12 * pc):(bandrgb($1)) \
        with boxxyerror lc rgb variable fs solid 0.75 noborder notitle, \
     f using ($1 - bw):($8 * pc):(2 * bw):(0) with vectors nohead lw 2 lc rgb ink notitle, \
     f using 1:(NaN):xticlabels(lab(2) . "\n" . sprintf(n_format, $4)) with points notitle
