# Issue 16: a report killed while it is written leaves nothing behind: its temporary
# directory DIR.tmp.XXXXXX is removed by the SIGINT/SIGTERM/SIGHUP handler, and the
# program still dies of the signal (exit 128 + 15 from the shell).  The case waits for
# the temporary directory to appear, then sends SIGTERM.
valgrind: skip
args: bands
check: ($ES_PROGRAM report datasets/engagestat-sim.csv.gz -o $TMP/r --no-figures >/dev/null 2>&1 & pid=$!; i=0; while [ $i -lt 600 ] && ! ls -d $TMP/r.tmp.* >/dev/null 2>&1; do sleep 0.1; i=$((i+1)); done; ls -d $TMP/r.tmp.* >/dev/null 2>&1 || exit 1; kill -TERM $pid; wait $pid; test $? = 143) && ! ls -d $TMP/r.tmp.* 2>/dev/null && test ! -e $TMP/r
