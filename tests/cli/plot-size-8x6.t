# The bundled dataset at 8 cm x 6 cm in every format: gnuplot has nothing to say (no
# warning, no log), long labels are shortened and the notes say what was left off.
valgrind: skip
requires: /usr/bin/gnuplot
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --size 8cm,6cm --format png,svg,pdf,tex --boot 200
exit: 0
stdout-contains: fig5  Ratio of median engagement rates per niche (forest plot): 
stdout-contains: note: figure 5 leaves the column of ratios and CIs off at this width (they are in fig5.tsv)
check: ! ls $TMP/figs/*.log 2>/dev/null
--- stderr
