# Figure formats are png, svg, pdf and tex.
args: plot tests/data/plot-hostile.csv -o $TMP/figs --format png,jpeg
exit: 2
--- stderr
engagestat: --format 'png,jpeg': expected png, svg, pdf or tex (a comma list for several)
Try 'engagestat --help' for more information.
