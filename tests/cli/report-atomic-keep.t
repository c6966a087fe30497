# An earlier report in DIR stays as it was, file for file, when a later run into
# DIR fails (after its temporary folder was made, and at the options); a later run
# that succeeds replaces it whole (no DIR.tmp.* or DIR.old.* left).
valgrind: skip
args: report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP/old --no-figures
stdout-contains: report: 
check: (cd $TMP/old && find . -type f | LC_ALL=C sort | xargs md5sum) > $TMP/sums && [ -s $TMP/sums ] && grep -q report.html $TMP/sums
check: $ES_PROGRAM report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP/old --gnuplot $TMP/no-such-gnuplot > /dev/null 2>&1; [ $? = 1 ]
check: $ES_PROGRAM report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP/old --ratio micro/nope > /dev/null 2>&1; [ $? = 2 ]
check: (cd $TMP/old && find . -type f | LC_ALL=C sort | xargs md5sum) | cmp -s - $TMP/sums && [ -z "$(ls -d $TMP/old.* 2>/dev/null)" ]
check: $ES_PROGRAM report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP/old --no-figures --title 'Second run' > /dev/null && grep -qF '<title>Second run</title>' $TMP/old/report.html && [ -z "$(ls -d $TMP/old.* 2>/dev/null)" ]
