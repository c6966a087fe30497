# A progress bar on stderr when stderr is a terminal (script(1) provides one), and
# never otherwise (every other case here checks stderr exactly or not at all).
valgrind: skip
args: --version
check: awk 'BEGIN{print "account,followers,likes"; for(i=0;i<600000;i++) printf "acc%d,%d,%d\n", i, 1000+i, i%97}' > $TMP/big.csv
check: script -qec "$ES_PROGRAM inspect $TMP/big.csv --format json -o $TMP/out.json" /dev/null | grep -q 'loading \['
check: $ES_PROGRAM inspect $TMP/big.csv --format json 2>$TMP/err.txt >/dev/null && test ! -s $TMP/err.txt
