# Same seed and pinned date (SOURCE_DATE_EPOCH): byte-identical reports for 1, 2 and 3
# threads (1: the analyses one after another; 2 and 3: at once, on that many threads),
# figures (PNG and PDF, whose cairo time stamp is set to the pinned date) included;
# only the quoted command line differs (tests/report_same.py).
valgrind: skip
requires: /usr/bin/gnuplot
args: report tests/data/accounts-r.csv -o $TMP/a --boot 100 --perm 99 --min-n 5 --threads 1
exit: 0
check: rm -rf $TMP/a && SOURCE_DATE_EPOCH=1700000000 $ES_PROGRAM report tests/data/accounts-r.csv -o $TMP/a --boot 100 --perm 99 --min-n 5 --threads 1 > /dev/null && SOURCE_DATE_EPOCH=1700000000 $ES_PROGRAM report tests/data/accounts-r.csv -o $TMP/b --boot 100 --perm 99 --min-n 5 --threads 2 > /dev/null && python3 tests/report_same.py $TMP/a $TMP/b && SOURCE_DATE_EPOCH=1700000000 $ES_PROGRAM report tests/data/accounts-r.csv -o $TMP/c --boot 100 --perm 99 --min-n 5 --threads 3 > /dev/null && python3 tests/report_same.py $TMP/a $TMP/c
check: grep -q 'Date: 2023-11-14T22:13:20Z (SOURCE_DATE_EPOCH)' $TMP/a/report.md && grep -aq 'CreationDate (D:20231114221320' $TMP/a/figures/fig1.pdf
