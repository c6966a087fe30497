# The options of the whole run go before the first '+'; a '+' needs a FILE after it;
# two datasets need two names.
args: reproduce -o $TMP/r tests/data/accounts-r.csv + tests/data/rising.csv --boot 10
exit: 2
stderr-contains: reproduce: --boot applies to every dataset: give it before the first '+'
check: $ES_PROGRAM reproduce -o $TMP/r tests/data/accounts-r.csv + 2> $TMP/e; test $? = 2 && grep -q "a '+' must be followed by a FILE" $TMP/e
check: $ES_PROGRAM reproduce -o $TMP/r tests/data/accounts-r.csv + tests/data/accounts-r.csv 2> $TMP/e2; test $? = 2 && grep -q "two datasets named 'data-accounts-r': give one a --label" $TMP/e2
check: test ! -e $TMP/r
