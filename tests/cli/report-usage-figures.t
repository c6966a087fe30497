# --no-figures and --figures contradict each other; a figure that does not exist is named.
args: report tests/data/accounts-r.csv -o $TMP/r --no-figures --figures 1
exit: 2
stderr-contains: --no-figures and --figures: choose one
check: $ES_PROGRAM report tests/data/accounts-r.csv -o $TMP/r --figures fig9 2> $TMP/e; test $? = 2 && grep -q "fig9' is not one of fig1" $TMP/e
check: SOURCE_DATE_EPOCH=yesterday $ES_PROGRAM report tests/data/accounts-r.csv -o $TMP/r 2> $TMP/e2; test $? = 2 && grep -q "SOURCE_DATE_EPOCH 'yesterday': expected Unix seconds" $TMP/e2
