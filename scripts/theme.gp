# theme.gp - the engagestat journal look, loaded by every figN.gp before its template.
# Palette: Okabe & Ito (2008), "Color Universal Design", safe for colour-blind readers.
# Expects: fig_dir, fig_name, fmt (png | svg | pdf | tex), width_cm, height_cm,
# font_name, font_size.  Text is never "enhanced": labels read from data files are
# drawn exactly as written.
reset
is_tex = (fmt eq "tex")
dpi = 300.0
# Characters the font lacks (CJK, Hangul, emoji) come from the fonts fontconfig falls
# back to (cairo terminals do this by themselves; install-deps.sh installs
# fonts-noto-cjk and fonts-noto-color-emoji); engagestat writes '?' for any that no
# installed font has.
font_spec = sprintf("%s,%g", font_name, font_size)
if (fmt eq "png") {
    eval sprintf("set terminal pngcairo noenhanced size %d,%d font '%s' fontscale %g linewidth %g pointscale %g background rgb 'white'", \
                 int(width_cm / 2.54 * dpi + 0.5), int(height_cm / 2.54 * dpi + 0.5), font_spec, dpi / 72.0 * 0.75, dpi / 72.0 * 0.5, dpi / 72.0 * 0.5)
    set output fig_dir . fig_name . ".png"
} else { if (fmt eq "svg") {
    eval sprintf("set terminal svg noenhanced size %d,%d font '%s' fontscale 1.333 linewidth 0.67 background rgb 'white'", \
                 int(width_cm / 2.54 * 96 + 0.5), int(height_cm / 2.54 * 96 + 0.5), font_spec)
    set output fig_dir . fig_name . ".svg"
} else { if (fmt eq "pdf") {
    # fontscale 0.75 (72/96) draws font_size points exactly (as for PNG above);
    # pdfcairo's default, 0.5, drew two thirds of it.
    eval sprintf("set terminal pdfcairo noenhanced size %gcm,%gcm font '%s' fontscale 0.75 linewidth 0.5 pointscale 0.5", width_cm, height_cm, font_spec)
    set output fig_dir . fig_name . ".pdf"
} else {
    # cairolatex: fig_name-tex.tex holds the text for LaTeX, fig_name-tex.pdf the drawing.
    eval sprintf("set terminal cairolatex pdf size %gcm,%gcm linewidth 0.5 pointscale 0.5", width_cm, height_cm)
    set output fig_dir . fig_name . "-tex.tex"
} } }

# Colours: one per band (nano, micro, mid, macro, mega, ...), the same in every figure.
array band_rgb[8] = [0xE69F00, 0x56B4E9, 0x009E73, 0x0072B2, 0xD55E00, 0xCC79A7, 0x000000, 0xF0E442]
bandrgb(i) = band_rgb[int(i) % 8 + 1]
bandcolor(i) = sprintf("#%06X", bandrgb(i))
ink = "#262626"
grey = "#8C8C8C"
accent = "#D55E00"
accent2 = "#0072B2"

set border 3 front lc rgb ink lw 0.8
set tics nomirror out scale 0.5, 0.25 textcolor rgb ink
set xtics nomirror
set ytics nomirror
unset grid
set key noenhanced nobox samplen 1.6 spacing 1.15 textcolor rgb ink
set datafile separator "\t"
set style fill solid 1.0 noborder
set pointsize 1
set clip two

# Labels from data files: byte 0x01 stands for '"' (gnuplot cannot read a '"' inside
# a data field); column c holds the plain label, column c+1 the LaTeX-escaped one.
dec(s) = (p__ = strstrt(s, "\001")) ? s[1:p__ - 1] . '"' . dec(s[p__ + 1:]) : s
lab(c) = dec(strcol(is_tex ? c + 1 : c))

# Engagement rates are stored as fractions and drawn in per cent.
pc = 100.0
pct = is_tex ? '\%' : '%'
er_format = is_tex ? '%g\%%' : '%g%%'
# Axis titles that run along the height get the short form when the long one would
# not fit (about two characters per line of text).
fits_down(s) = strlen(s) <= 1.8 * canvas_lines
fits_across(s) = strlen(s) <= canvas_chars - 8
# The rate's denominator (the definition's, from the figure script): "% of views" for
# .../views, no "of" for a rate without one; each the longest form the width holds.
er_den = exists("er_den_plain") ? (is_tex ? er_den_tex : er_den_plain) : "followers"
er_of = (er_den eq "") ? "" : " of " . er_den
er_label_long = "Engagement rate (" . pct . er_of . ")"
er_label_short = "ER (" . pct . er_of . ")"
er_label = fits_across(er_label_long) ? er_label_long : fits_across(er_label_short) ? er_label_short : "ER (" . pct . ")"
er_label_down = fits_down(er_label_long) ? er_label_long : fits_down(er_label_short) ? er_label_short : "ER (" . pct . ")"
followers_format = "%.0s%c"
# Extra 2 and 5 tics on a log axis spanning less than two decades.
tic_list(e, e1) = sprintf("%g, %g", 2 * 10.0**e, 5 * 10.0**e) . ((e < e1) ? ", " . tic_list(e + 1, e1) : "")
log_tics(ax, lo, hi) = (hi / lo < 100.0) ? sprintf("set %stics add (%s)", ax, tic_list(floor(log10(lo)) - 1, ceil(log10(hi)))) : ""
# A tick every k decades on a log axis from lo to hi across about w characters, k the
# smallest that leaves each tick label (about c characters, "100k") its room; for
# eval (nothing when every decade has room).
decade_k(lo, hi, w, c) = (d__ = log10(hi / lo), k__ = (w > c) ? ceil(d__ * (c + 1) / w) : ceil(d__), k__ < 1 ? 1 : k__)
decade_tics(ax, lo, hi, w, c) = (decade_k(lo, hi, w, c) <= 1) ? "" : \
    sprintf("set %stics %g, %g", ax, 10.0**ceil(log10(lo)), 10.0**decade_k(lo, hi, w, c))
pct_text(v) = (v < 0.1) ? sprintf("%.2f", v) : (v < 10) ? sprintf("%.1f", v) : sprintf("%.0f", v)
