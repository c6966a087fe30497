# Niche names in Chinese, Vietnamese, Korean, with an emoji and in Adlam
# (tests/data/plot-intl.tsv, written once by a short Python loop: 7 niches of 60
# accounts).  No installed font draws Adlam (U+1E900, U+1E901): those characters
# become '?' and a note lists them; before, cairo painted a box across figures 4 and
# 5 (the bottom-left corner, mean grey 0.29 and 0.42 of white, was dark; with
# the text of the labels it is above 0.95) and the command exited 0.  The other names are
# drawn as written when a font covers them (fc-list, fontconfig's own answer).
valgrind: skip
requires: /usr/bin/gnuplot
args: plot tests/data/plot-intl.tsv --er likes/followers -o $TMP/figs --boot 100 --format png,svg
exit: 0
stdout-contains: note: no installed font draws U+1E900, U+1E901: 
check: grep -qF '"?? Adlam"' $TMP/figs/fig4.tsv && grep -qF '"?? Adlam"' $TMP/figs/fig5.tsv
check: test -z "$(fc-list ':charset=7f8e 98df' family)" || grep -qF '美食' $TMP/figs/fig4.svg
check: test -z "$(fc-list ':charset=bd39' family)" || grep -qF '먹방' $TMP/figs/fig5.svg
check: test -z "$(fc-list ':charset=1f354' family)" || grep -qF '🍔 food' $TMP/figs/fig4.svg
check: grep -qF 'Ẩm thực' $TMP/figs/fig4.svg
check: ! command -v convert >/dev/null || for f in fig4 fig5; do convert $TMP/figs/$f.png -gravity SouthWest -crop 12%x25%+0+0 -colorspace gray -format '%[fx:mean]\n' info: | awk '{ exit !($1 > 0.9) }' || exit 1; done
check: ! ls $TMP/figs/*.log 2>/dev/null
