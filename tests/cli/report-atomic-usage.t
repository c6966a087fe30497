# A usage error (a band that does not exist) and an input that cannot be read
# (missing, a directory) leave no DIR and no DIR.tmp.* behind.
args: report tests/data/report-hostile.csv --min-n 5 --boot 20 --perm 19 -o $TMP/rep --ratio micro/nope
exit: 2
stderr-contains: no band named 'nope'
check: [ ! -e $TMP/rep ] && [ -z "$(ls -d $TMP/rep.* 2>/dev/null)" ]
check: $ES_PROGRAM report $TMP/no-such.csv -o $TMP/rep2 2> $TMP/e2; [ $? = 1 ] && grep -qF 'no-such.csv: No such file' $TMP/e2 && [ ! -e $TMP/rep2 ] && [ -z "$(ls -d $TMP/rep2.* 2>/dev/null)" ]
check: $ES_PROGRAM report tests/data -o $TMP/rep3 2> $TMP/e3; [ $? = 1 ] && grep -qF 'is a directory' $TMP/e3 && [ ! -e $TMP/rep3 ] && [ -z "$(ls -d $TMP/rep3.* 2>/dev/null)" ]
