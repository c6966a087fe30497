# A report that fails after its temporary folder was made (gnuplot cannot be run)
# leaves no DIR and no DIR.tmp.* behind: the report is built beside DIR and renamed
# into place only when complete.
valgrind: skip
args: report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP/rep --gnuplot $TMP/no-such-gnuplot
exit: 1
stderr-contains: gnuplot was not found
check: [ ! -e $TMP/rep ] && [ -z "$(ls -d $TMP/rep.* 2>/dev/null)" ]
check: [ "$(ls -A $TMP | tr '\n' ' ')" = "got.err got.out want.err want.out " ]
