# common.sh — sourced by run.sh and pipeline.sh: sets here (the caller's directory),
# ROOT, BENCH, DATA and RESULTS; bench_setup makes the data and results directories, a
# temporary directory $TMP removed at exit, and builds the generator $GEN (gen_posts.c)
# when it is missing or older than its source.
here=$(pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/scripts/bench
DATA=$BENCH/data
RESULTS=$BENCH/results

bench_setup() {
    mkdir -p "$DATA" "$RESULTS"
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/es-bench.XXXXXX")
    trap 'rm -rf "$TMP"' EXIT INT TERM
    GEN=$DATA/gen_posts
    if [ ! -x "$GEN" ] || [ -n "$(find "$BENCH/gen_posts.c" -newer "$GEN")" ]; then
        cc -O2 -o "$GEN" "$BENCH/gen_posts.c" -lm
    fi
}
