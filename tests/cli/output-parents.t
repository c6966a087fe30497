# -o DIR makes the missing parents of DIR, as mkdir -p does, for plot, report and
# reproduce (plot's help said "created if missing" but made only the last part); a
# parent that is a file is refused with its name.
valgrind: skip
args: plot tests/data/posts-small.csv -o $TMP/a/b/figs
check: test -f "$TMP/a/b/figs/er_by_band.gp"
check: $ES_PROGRAM report tests/data/posts-small.csv -o "$TMP/r/s/report" --no-figures > /dev/null && test -f "$TMP/r/s/report/report.md" && test "$(ls "$TMP/r/s")" = report
check: touch "$TMP/file" && ! $ES_PROGRAM plot tests/data/posts-small.csv -o "$TMP/file/figs" 2> "$TMP/err" && grep -q "$TMP/file: not a directory" "$TMP/err"
