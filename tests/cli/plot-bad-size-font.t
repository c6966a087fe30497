# A font name cannot carry gnuplot syntax.
args: plot tests/data/plot-hostile.csv -o $TMP/figs --font "Helvetica';system('id"
exit: 2
stderr-contains: --font 'Helvetica';system('id': expected NAME or NAME,SIZE
check: test ! -e $TMP/figs
