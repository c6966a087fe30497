# -o naming a directory that holds anything but an earlier report is refused
# (exit 2) and its files are untouched: here the case's own scratch directory, then
# a folder of notes, a folder whose results.json is not a report's, and a file.
args: report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP --no-figures
exit: 2
stderr-contains: does not hold an engagestat report
check: [ -f $TMP/want.out ] && [ -f $TMP/got.out ] && [ -z "$(ls -d $TMP.tmp.* 2>/dev/null)" ]
check: mkdir -p $TMP/paper/sub && echo draft > $TMP/paper/notes.txt && echo keep > $TMP/paper/sub/x.tex && $ES_PROGRAM report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP/paper --no-figures 2> $TMP/e1; [ $? = 2 ] && grep -qF -- '-o '$TMP'/paper: the directory exists and does not hold an engagestat report' $TMP/e1
check: [ "$(cat $TMP/paper/notes.txt $TMP/paper/sub/x.tex | tr '\n' ' ')" = "draft keep " ] && [ "$(cd $TMP/paper && find . | LC_ALL=C sort | tr '\n' ' ')" = ". ./notes.txt ./sub ./sub/x.tex " ] && [ -z "$(ls -d $TMP/paper.* 2>/dev/null)" ]
check: mkdir $TMP/other && $ES_PROGRAM describe tests/data/accounts-r.csv --boot 20 --format json > $TMP/other/results.json && cp $TMP/other/results.json $TMP/r.json && $ES_PROGRAM report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP/other --no-figures 2>/dev/null; [ $? = 2 ] && cmp -s $TMP/other/results.json $TMP/r.json && [ "$(ls -A $TMP/other)" = results.json ]
check: echo data > $TMP/afile && $ES_PROGRAM report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP/afile --no-figures 2> $TMP/e2; [ $? = 2 ] && grep -qF 'exists and is not a directory' $TMP/e2 && [ "$(cat $TMP/afile)" = data ]
