# followers_ccdf.gp - figure 6: complementary CDF P(X >= x) of follower counts on
# log-log axes, with the continuous power law fitted above xmin (Clauset, Shalizi &
# Newman 2009; xmin by minimum KS distance) drawn over its range.
fc = fig_dir . fig_name . "_ccdf.tsv"
ff = fig_dir . fig_name . "_fit.tsv"
set logscale xy 10
set format x followers_format
set format y "%g"
set xlabel "Followers"
ccdf_label = "Fraction of " . unit_name . " with at least " . (is_tex ? "$x$" : "x") . " followers"
geq_x = is_tex ? "$\\geq x$" : "≥ x"
ccdf_mid = "Fraction with " . geq_x . " followers"
# The longest title the height holds (strlen counts the bytes of "≥": a little
# conservative).
set ylabel fits_down(ccdf_label) ? ccdf_label : fits_down(ccdf_mid) ? ccdf_mid : "Fraction " . geq_x
set key bottom left reverse Left
stats fc using 1 nooutput
set xrange [STATS_min / 1.5 : STATS_max * 1.5]
# About 9 characters go to the y tick labels and title; a label such as "100k" has 4.
eval decade_tics("x", STATS_min / 1.5, STATS_max * 1.5, canvas_chars - 9, 4)
set yrange [1.0 / n_units / 1.5 : 1.3]
alpha_text = is_tex ? sprintf("$\\alpha$ = %.2f", pl_alpha) : sprintf("α = %.2f", pl_alpha)
xmin_text = is_tex ? "$x_{\\min}$" : "xmin"
# The key sits inside the plot: the long title when it fits, else the exponent alone.
pl_title = sprintf("Power law, %s, %s = %s (tail n = %d)", alpha_text, xmin_text, sprintf("%.0f", pl_xmin), pl_n_tail)
if (strlen(pl_title) > canvas_chars - 14) { pl_title = sprintf("Power law, %s", alpha_text) }
if (strlen(pl_title) > canvas_chars - 13) { pl_title = "Power law" }
emp_title = sprintf("Empirical (n = %d)", n_units)
if (strlen(emp_title) > canvas_chars - 13) { emp_title = "Empirical" }
plot fc using 1:2 with points pt 7 ps 0.35 lc rgb accent2 title emp_title, \
     ff using 1:2 with lines lw 1.8 lc rgb accent \
        title pl_title
