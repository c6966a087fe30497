#!/bin/sh
# Run the CUnit suites of RUNNER, each suite its own process (behind $VALGRIND when it
# is set), $ES_UNIT_JOBS at a time (default: the number of processors); then print
# every suite's output in order and one summary line.  Exits 1 when a suite failed.
# Usage: sh tests/unit.sh RUNNER
set -u
runner=$1
jobs=${ES_UNIT_JOBS:-$(nproc 2>/dev/null || echo 1)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$runner" --list > "$tmp/suites" || exit 1
n=$(wc -l < "$tmp/suites")
# Suite names hold spaces and colons: each process reads its name from the list by number.
seq 1 "$n" | xargs -P "$jobs" -I{} sh -c \
    'name=$(sed -n "$2p" "$1/suites"); ${VALGRIND:-} "$0" "$name" > "$1/$2.out" 2>&1; echo $? > "$1/$2.rc"' \
    "$runner" "$tmp" {}
failed=""; nfail=0
for i in $(seq 1 "$n"); do
    cat "$tmp/$i.out"
    rc=$(cat "$tmp/$i.rc" 2>/dev/null || echo none)
    if [ "$rc" != 0 ]; then
        nfail=$((nfail + 1)); failed="$failed
  $(sed -n "${i}p" "$tmp/suites") (exit $rc)"
    fi
done
echo "unit: $n suites, $((n - nfail)) passed, $nfail failed$failed"
[ "$nfail" = 0 ]
