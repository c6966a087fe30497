#!/bin/sh
# Replay every fuzz target's seed corpus (tests/fuzz/corpus/TARGET/) and crash, timeout and
# OOM reproducers (tests/fuzz/regress/TARGET/) once (make check-fuzz-replay).  A target's
# output goes to BUILD/tests/fuzz/replay-TARGET.log, shown when it fails.
# Usage: sh tests/fuzz/replay.sh BUILD TARGET...
set -u
build=$1; shift
fail=0
for t in "$@"; do
    log=$build/tests/fuzz/replay-$t.log
    dirs=
    for d in tests/fuzz/corpus/$t tests/fuzz/regress/$t; do [ -d "$d" ] && dirs="$dirs $d"; done
    # shellcheck disable=SC2086
    if "$build/tests/fuzz/replay-$t" $dirs >/dev/null 2>"$log"; then
        echo "fuzz-replay $t: $(tail -n 1 "$log" | sed 's/.*: //')"
    else
        echo "fuzz-replay $t: FAILED (exit $?); the end of $log:" >&2
        tail -n 40 "$log" >&2
        fail=1
    fi
done
exit $fail
