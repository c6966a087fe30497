# The bands of --ratio must exist in the band scheme.
args: plot tests/data/plot-hostile.csv -o $TMP/figs --ratio micro/giga
exit: 2
stderr-contains: --ratio 'micro/giga': band 'giga' is not in the band scheme 'hypeauditor'
