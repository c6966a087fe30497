# -o naming a directory that holds anything but an engagestat report is refused and left
# alone; a run that fails (a band the scheme lacks) leaves an earlier report untouched
# and no temporary directory behind.
args: report tests/data/accounts-r.csv -o $TMP/r --boot 50 --perm 99 --min-n 5 --no-figures
exit: 0
check: mkdir -p $TMP/keep && echo precious > $TMP/keep/notes.txt && { $ES_PROGRAM report tests/data/accounts-r.csv -o $TMP/keep --no-figures 2> $TMP/e; test $? = 2; } && grep -q 'does not hold an engagestat report' $TMP/e && test "$(cat $TMP/keep/notes.txt)" = precious && test $(ls -A $TMP/keep | wc -l) = 1
check: cp $TMP/r/results.json $TMP/before.json && { $ES_PROGRAM report tests/data/accounts-r.csv -o $TMP/r --ratio micro/nope --no-figures 2> $TMP/e2; test $? = 2; } && cmp -s $TMP/before.json $TMP/r/results.json && ! ls -d $TMP/r.tmp.* $TMP/r.old.* 2>/dev/null
