#!/bin/sh
# Run each libFuzzer target of BUILD/fuzz/ for FUZZ_SECONDS (default 60), one after the
# other (one process, one job: the machine is shared), from its seed corpus
# tests/fuzz/corpus/TARGET/; new inputs go to BUILD/corpus/TARGET/, crashes, timeouts
# and OOMs to BUILD/artifacts/TARGET/ (copy them to tests/fuzz/regress/TARGET/ once
# fixed), each run's log to FUZZ_LOGS (default BUILD/logs)/TARGET.log.  With
# FUZZ_MERGE=1, the inputs that add coverage are merged back into the seed corpus
# afterwards (-merge=1), as long as they are small.  With FUZZ_FORK=1 a target goes on
# after a crash (-fork=1, one child at a time), each saved as usual (docs/fuzzing.md).
# Usage: sh tests/fuzz/run.sh BUILD TARGET...
set -u
build=$1; shift
secs=${FUZZ_SECONDS:-60}
logs=${FUZZ_LOGS:-$build/logs}
mkdir -p "$logs"
fail=0
for t in "$@"; do
    # the longest input that makes sense for the target: files for the loaders, a line for the parsers
    case $t in
        load_*) max=8192 ;;
        opts) max=1024 ;;
        *) max=512 ;;
    esac
    mkdir -p "$build/corpus/$t" "$build/artifacts/$t" "tests/fuzz/corpus/$t"
    echo "fuzz $t: $secs s, log $logs/$t.log"
    fork=
    [ "${FUZZ_FORK:-0}" = 1 ] && fork="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
    # shellcheck disable=SC2086
    if ! "$build/fuzz/$t" $fork -max_total_time="$secs" -max_len=$max -rss_limit_mb=2048 -timeout=10 \
           -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" \
           "$build/corpus/$t" "tests/fuzz/corpus/$t" >"$logs/$t.log" 2>&1; then
        echo "fuzz $t: FOUND a crash, timeout or OOM: $build/artifacts/$t/" >&2
        fail=1
    fi
    grep -E '^#[0-9]+:?[[:space:]]*(DONE|pulse|NEW|REDUCE|cov)' "$logs/$t.log" | tail -n 1
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
        "$build/fuzz/$t" -merge=1 -max_len=$max -rss_limit_mb=2048 -timeout=10 \
            "tests/fuzz/corpus/$t" "$build/corpus/$t" >>"$logs/$t.log" 2>&1
    fi
done
exit $fail
