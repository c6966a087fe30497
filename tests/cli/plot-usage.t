# -o DIR is required.
args: plot tests/data/plot-hostile.csv
exit: 2
--- stderr
engagestat: plot: missing -o DIR (the directory for the figures)
Try 'engagestat --help' for more information.
