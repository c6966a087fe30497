#!/bin/sh
# Run the named test suites (make check-SUITE for each) one after another, every one
# of them even when an earlier one fails, then print one summary: each suite with
# its result and time, and a closing "suites: N passed, N failed" line.  Exits 1
# when any suite failed.  Variables given to make (BUILD=, SANITIZE=, VALGRIND=)
# reach the suites through MAKEFLAGS and the environment.
# Usage: sh tests/check.sh SUITE...
set -u
MAKE=${MAKE:-make}
pass=0; fail=0; summary=""
for s in "$@"; do
    t0=$(date +%s)
    if $MAKE --no-print-directory "check-$s"; then r=passed; pass=$((pass + 1)); else r=FAILED; fail=$((fail + 1)); fi
    summary="$summary
  $s: $r ($(( $(date +%s) - t0 )) s)"
done
echo
echo "Test suites:$summary"
echo "suites: $pass passed, $fail failed"
[ "$fail" = 0 ]
