# A size and font that leave no room for a legible figure are a usage error that says
# what would do.
args: plot tests/data/plot-hostile.csv -o $TMP/figs --size 5cm,5cm --font "Liberation Sans,14"
exit: 2
stderr-contains: engagestat: --size 5cm,5cm with 14 pt text has room for 15 characters across and 8 lines down; a figure needs 24 and 10: use --size 7.7cm,5.9cm or larger, or a font of at most 9.1 pt
check: test ! -e $TMP/figs
