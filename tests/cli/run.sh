#!/bin/sh
# Run the CLI cases tests/cli/*.t against the real program ($ES_PROGRAM, which may
# carry a valgrind prefix).  A case file holds header lines, then optional exact
# blocks:
#   # comment
#   args: inspect tests/data/x.csv --format json    (words split by the shell; $TMP is a scratch dir)
#   stdin: tests/data/x.csv          (default /dev/null)
#   exit: 0                          (expected exit status; default 0)
#   stdout-contains: TEXT            (repeatable; fixed string)
#   stderr-contains: TEXT            (repeatable; fixed string)
#   stdout-lacks: TEXT               (repeatable; fixed string)
#   check: SHELL-COMMAND             (repeatable; must exit 0; runs after the program)
#   requires: PATH                   (skip the case, visibly, when PATH is absent)
#   valgrind: skip                   (skip it under make check-valgrind, visibly: a whole
#                                     study, report or figure set, over half a second
#                                     here and a minute or more there; check and
#                                     check-asan run it)
#   --- stdout                       (the rest up to the next --- is the exact stdout)
#   --- stderr                       (exact stderr)
# The cases run in $ES_CLI_JOBS shards at once (default: the number of processors);
# each case has its own scratch directory, so they do not meet.  Every shard's
# messages are printed when all are done, then one summary line.
set -u
PROGRAM=${ES_PROGRAM:-build/engagestat}
ES_PROGRAM=$PROGRAM; export ES_PROGRAM
export LC_ALL=C
pass=0; fail=0; skip=0
TMPROOT=$(mktemp -d)
trap 'rm -rf "$TMPROOT"' EXIT
# A shard runs exactly its list, which may be empty.
if [ -n "${ES_CLI_SHARD:-}" ]; then cases=$ES_CLI_CASES; else cases=${ES_CLI_CASES:-$(echo tests/cli/*.t)}; fi
jobs=${ES_CLI_JOBS:-$(nproc 2>/dev/null || echo 1)}
if [ -z "${ES_CLI_SHARD:-}" ] && [ "$jobs" -gt 1 ]; then
    i=0
    while [ $i -lt "$jobs" ]; do
        shard=$(printf '%s\n' $cases | awk -v n="$jobs" -v i=$i '(NR - 1) % n == i')
        ES_CLI_SHARD=$i ES_CLI_CASES="$shard" sh "$0" > "$TMPROOT/$i.out" 2> "$TMPROOT/$i.err" &
        i=$((i + 1))
    done
    wait
    i=0
    while [ $i -lt "$jobs" ]; do
        grep -v '^cli: [0-9]* passed' "$TMPROOT/$i.out"; cat "$TMPROOT/$i.err" >&2
        set -- $(sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' "$TMPROOT/$i.out")
        # A shard that died without its summary line counts as a failure.
        if [ $# = 3 ]; then pass=$((pass + $1)); fail=$((fail + $2)); skip=$((skip + $3))
        else fail=$((fail + 1)); echo "FAIL shard $i: no summary line" >&2; fi
        i=$((i + 1))
    done
    echo "cli: $pass passed, $fail failed, $skip skipped"
    [ $fail = 0 ]
    exit
fi
for t in $cases; do
    name=$(basename "$t" .t)
    TMP="$TMPROOT/$name"; mkdir -p "$TMP"; export TMP
    args=$(sed -n 's/^args: //p' "$t" | head -1)
    stdin=$(sed -n 's/^stdin: //p' "$t" | head -1); [ -n "$stdin" ] || stdin=/dev/null
    want_exit=$(sed -n 's/^exit: //p' "$t" | head -1); [ -n "$want_exit" ] || want_exit=0
    req=$(sed -n 's/^requires: //p' "$t" | head -1)
    if [ -n "$req" ] && [ ! -e "$req" ]; then
        echo "SKIP $name: $req is absent"; skip=$((skip + 1)); continue
    fi
    if [ "${ES_VALGRIND:-0}" = 1 ] && grep -q '^valgrind: skip$' "$t"; then
        echo "SKIP $name: too slow under valgrind (runs in make check and check-asan)"; skip=$((skip + 1)); continue
    fi
    awk '/^--- stdout$/{f=1;next} /^--- /{f=0} f' "$t" > "$TMP/want.out"
    awk '/^--- stderr$/{f=1;next} /^--- /{f=0} f' "$t" > "$TMP/want.err"
    eval "set -- $args"
    $PROGRAM "$@" < "$stdin" > "$TMP/got.out" 2> "$TMP/got.err"
    got_exit=$?
    ok=1; why=""
    [ "$got_exit" = "$want_exit" ] || { ok=0; why="$why exit $got_exit, want $want_exit;"; }
    if grep -q '^--- stdout$' "$t" && ! cmp -s "$TMP/want.out" "$TMP/got.out"; then
        ok=0; why="$why stdout differs;"; diff "$TMP/want.out" "$TMP/got.out" | head -20 >&2; fi
    if grep -q '^--- stderr$' "$t" && ! cmp -s "$TMP/want.err" "$TMP/got.err"; then
        ok=0; why="$why stderr differs;"; diff "$TMP/want.err" "$TMP/got.err" | head -20 >&2; fi
    while IFS= read -r line; do
        case "$line" in
        "stdout-contains: "*) s=${line#stdout-contains: }
            grep -qF -- "$s" "$TMP/got.out" || { ok=0; why="$why stdout lacks '$s';"; } ;;
        "stdout-lacks: "*) s=${line#stdout-lacks: }
            grep -qF -- "$s" "$TMP/got.out" && { ok=0; why="$why stdout has '$s';"; } ;;
        "stderr-contains: "*) s=${line#stderr-contains: }
            grep -qF -- "$s" "$TMP/got.err" || { ok=0; why="$why stderr lacks '$s';"; } ;;
        "check: "*) c=${line#check: }
            sh -c "$c" || { ok=0; why="$why check failed: $c;"; } ;;
        "--- "*) break ;;
        esac
    done < "$t"
    # Valgrind reports go to stderr with exit status 99.
    if [ "$got_exit" = 99 ]; then ok=0; why="$why valgrind error;"; cat "$TMP/got.err" >&2; fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL $name:$why" >&2; fi
done
echo "cli: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
