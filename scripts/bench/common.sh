# common.sh — sourced by run.sh and pipeline.sh (with DATA, RESULTS and BENCH set):
# makes the data and results directories, a temporary directory $TMP removed at exit,
# and builds the generator $GEN (gen_posts.c) when it is missing or older than its source.
mkdir -p "$DATA" "$RESULTS"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/es-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
GEN=$DATA/gen_posts
if [ ! -x "$GEN" ] || [ -n "$(find "$BENCH/gen_posts.c" -newer "$GEN")" ]; then
    cc -O2 -o "$GEN" "$BENCH/gen_posts.c" -lm
fi
