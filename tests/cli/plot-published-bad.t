# A published file with a rate in percent: refused with the file, line and column, before
# any figure is written.
args: plot datasets/engagestat-sim.csv.gz -o $TMP/figs --published tests/data/published-percent.csv
exit: 1
stderr-contains: plot: --published tests/data/published-percent.csv: line 3: column 'er': 2.5 is not a proportion in (0, 1) (percent?)
check: test ! -e $TMP/figs
