# niche_band_heatmap.gp - figure 4: median engagement rate by niche (rows) and band
# (columns), values in per cent written in the cells; cells with fewer than cell_min
# units are grey and show n.  Niche and band names come from the data file.
f = fig_dir . fig_name . ".tsv"
set xrange [-0.5 : n_bands - 0.5]
set yrange [-0.5 : n_niches - 0.5]
set logscale cb 10
set cbrange [median_low * pc : median_high * pc]
set format cb er_format
eval log_tics("cb", median_low * pc, median_high * pc)
# viridis (van der Walt & Smith 2015): sequential and colour-blind safe
set palette defined (0 "#440154", 0.25 "#3B528B", 0.5 "#21918C", 0.75 "#5EC962", 1 "#FDE725")
cb_label = "Median engagement rate (" . pct . er_of . ")"
cb_mid = "Median ER (" . pct . er_of . ")"
set cblabel (fits_down(cb_label) ? cb_label : (er_den ne "followers" && fits_down(cb_mid)) ? cb_mid : "Median ER (" . pct . ")") offset 1.5, 0
set colorbox user origin graph 1.03, graph 0 size character 1.2, graph 1
set border 0
set tics scale 0
# band_upright, cell_values: engagestat's choice for narrow columns (names upright,
# no values in the cells)
if (band_upright) { set xtics rotate by 90 right offset 0, 0 } else { set xtics offset 0, 0.3 }
set xlabel "Follower band"
unset key
set rmargin 12
plot f using 1:($4 > 0 && $4 < cell_min ? $2 : NaN):(0.48):(0.48) with boxxyerror fc rgb "#E6E6E6" fs solid 1 noborder, \
     f using 1:($4 >= cell_min && $3 > 0 ? $2 : NaN):(0.48):(0.48):($3 * pc) with boxxyerror fc palette fs solid 1 noborder, \
     f using 1:2:(!cell_values ? "" : $4 >= cell_min ? pct_text($3 * pc) : ($4 > 0 ? sprintf("n=%d", $4) : "")):($4 >= cell_min ? $5 : 0x595959) \
        with labels textcolor rgb variable, \
     f using 1:(NaN):xticlabels(lab(8)) with points, \
     f using (NaN):2:yticlabels(lab(6)) with points
