#!/bin/sh
# pipeline.sh — the canonical-pipeline benchmark of issue 15 (`make bench`; run.sh
# calls it; see scripts/bench/README.md).
#
# For each size (default 1M and 10M rows, 53 posts per account: about 18.9k and 188k
# accounts) it generates the post file (gen_posts.c, fixed seed) and times, in one run:
#   cat FILE > /dev/null, wc -l FILE      the floors
#   engagestat inspect FILE              the loader alone (MB/s)
#   engagestat report FILE -o DIR --account-er mean \
#       --only bands,micro-mega,scaling,distributions --no-figures
#                                        the closest single invocation (it does more)
#   engagestat describe / describe --by niche --boot 0 / describe --boot 0 / compare /
#       regress --covariates niche --vcov HC3 / fit --dist lognormal,gamma
#                                        the pipeline as separate commands (its stages)
#   Rscript pipeline.R, python3 pipeline.py   the same pipeline in R and in Python
# Whole-process wall time is the median of BENCH_REPEAT runs, peak RSS (max over the
# runs) from /usr/bin/time -v; per-stage times from the scripts' own "stage" lines (of
# their last run).  Then agree.py compares the numbers of all of them; then inspect reads
# a 3-line file of each header width in BENCH_WIDE.  The tables go to
# results/pipeline.md (and stdout); BENCH_PROFILE=1 profiles the separate
# engagestat commands on the largest file into results/profile-pipeline.txt.
#
# Environment:
#   ES_PROGRAM=PATH    the program (default build/engagestat, built when missing)
#   BENCH_SIZES="N.."  rows of each file (default "1000000 10000000")
#   BENCH_POSTS=X      mean posts per account (default 53)
#   BENCH_SEED=N       generator seed (default 20240601)
#   BENCH_REPEAT=N     runs of cat, wc, inspect and the R and Python scripts; the
#                      median is reported (default 3)
#   BENCH_REPEAT_SLOW=N  runs of the report and of each separate engagestat command
#                      (default 1: the report alone takes minutes on 10M rows)
#   BENCH_B=B          bootstrap replicates everywhere (default 2000)
#   BENCH_WIDE="C.."   header widths timed with inspect (default "10000 100000"; 100k
#                      columns took 116 s on 2026-12-01: the header is quadratic)
#   BENCH_QUICK=1      sizes "1000000", one run each, BENCH_WIDE "10000" (about 1.5 minutes)
#   BENCH_PROFILE=1    afterwards profile the engagestat commands on the largest file
#                      (perf record -g, else callgrind on 1M rows; adds about 3 min)
#   BENCH_PYTHON=PATH  the Python with pandas/scipy/statsmodels (default /usr/bin/python3,
#                      Debian's, where install-deps.sh puts them)
set -eu

# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
    SIZES=${BENCH_SIZES:-1000000}
    WIDE=${BENCH_WIDE:-10000}
    REPEAT=${BENCH_REPEAT:-1}
    PROFILE=${BENCH_PROFILE:-0}
else
    SIZES=${BENCH_SIZES:-1000000 10000000}
    WIDE=${BENCH_WIDE:-10000 100000}
    REPEAT=${BENCH_REPEAT:-3}
    PROFILE=${BENCH_PROFILE:-0}
fi
REPEAT_SLOW=${BENCH_REPEAT_SLOW:-1}
POSTS=${BENCH_POSTS:-53}
SEED=${BENCH_SEED:-20240601}
B=${BENCH_B:-2000}
PY=${BENCH_PYTHON:-/usr/bin/python3}
for v in "$REPEAT" "$REPEAT_SLOW" "$SEED" "$B"; do
    case $v in '' | *[!0-9]* | 0) echo "pipeline.sh: BENCH_REPEAT, BENCH_REPEAT_SLOW, BENCH_SEED and BENCH_B must be positive numbers" >&2; exit 2 ;; esac
done
for n in $SIZES; do
    case $n in '' | *[!0-9]* | 0) echo "pipeline.sh: BENCH_SIZES must be positive numbers" >&2; exit 2 ;; esac
done

if [ -n "${ES_PROGRAM:-}" ]; then
    case $ES_PROGRAM in /*) PROGRAM=$ES_PROGRAM ;; *) PROGRAM=$here/$ES_PROGRAM ;; esac
    [ -x "$PROGRAM" ] || { echo "pipeline.sh: ES_PROGRAM=$ES_PROGRAM is not an executable file" >&2; exit 2; }
else
    PROGRAM=$ROOT/build/engagestat
    [ -x "$PROGRAM" ] || make -C "$ROOT" all >&2
fi

# ---------------------------------------------------------------- tools
[ -x /usr/bin/time ] || sh "$ROOT/scripts/install-deps.sh" time
if ! "$PY" -c 'import pandas, scipy, statsmodels' > /dev/null 2>&1; then
    sh "$ROOT/scripts/install-deps.sh" python3-pandas python3-scipy python3-statsmodels
fi
HAVE_R=1
have_r() {
    command -v Rscript > /dev/null 2>&1 &&
        Rscript -e 'suppressPackageStartupMessages({library(data.table); library(sandwich); library(fitdistrplus)})' > /dev/null 2>&1
}
if ! have_r; then
    sh "$ROOT/scripts/install-deps.sh" r-base-core r-cran-data.table r-cran-sandwich r-cran-fitdistrplus || true
fi
if ! have_r; then
    echo "pipeline.sh: R with data.table, sandwich and fitdistrplus not found; the R runs are skipped" >&2
    HAVE_R=0
fi

bench_setup
gen_file() { # ROWS -> path of the file (generated when missing or stale)
    f=$DATA/pipe-$1-s$SEED-p$POSTS.csv
    want="rows=$1 seed=$SEED posts=$POSTS gen=$(cksum < "$BENCH/gen_posts.c" | cut -d' ' -f1)"
    if [ ! -f "$f" ] || [ ! -f "$f.stamp" ] || [ "$(cat "$f.stamp")" != "$want" ]; then
        rm -f "$f" "$f.stamp"
        echo "pipeline.sh: generating $1 rows (seed $SEED, $POSTS posts per account) into $f" >&2
        "$GEN" "$1" "$SEED" "$f.tmp" "$POSTS"
        mv "$f.tmp" "$f"
        echo "$want" > "$f.stamp"
    fi
    echo "$f"
}

# measure KEY RUNS COMMAND...: runs COMMAND RUNS times under /usr/bin/time -v (stdout
# to $TMP/KEY.out), records "KEY median-wall max-rss-MiB cpu-s" in $TMP/m.txt.
STATUS=0
measure() {
    key=$1 runs=$2
    shift 2
    : > "$TMP/walls"
    rss=0 cpu=0 i=0
    while [ "$i" -lt "$runs" ]; do
        i=$((i + 1))
        echo "pipeline.sh: $key (run $i of $runs)" >&2
        t0=$(date +%s%N)
        if ! /usr/bin/time -v -o "$TMP/time.txt" "$@" > "$TMP/$key.out" 2> "$TMP/$key.err"; then
            echo "pipeline.sh: $key failed:" >&2
            tail -n 5 "$TMP/$key.err" >&2
            echo "$key failed failed failed" >> "$TMP/m.txt"
            STATUS=1
            return 0
        fi
        t1=$(date +%s%N)
        echo "$t0 $t1" | awk '{printf "%.3f\n", ($2 - $1) / 1e9}' >> "$TMP/walls"
        r=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$TMP/time.txt")
        [ "$r" -gt "$rss" ] && rss=$r
        cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$TMP/time.txt")
    done
    wall=$(sort -n "$TMP/walls" | awk '{w[NR] = $1} END {printf "%.3f", NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2}')
    echo "$key $wall $rss $cpu" >> "$TMP/m.txt"
}
get() { awk -v k="$1" -v f="$2" '$1 == k {print $f}' "$TMP/m.txt" | tail -n 1; }

NPROC=$(nproc 2> /dev/null || echo 1)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)
OUT=$RESULTS/pipeline.md
: > "$TMP/body.md"
LAST=""
for n in $SIZES; do
    FILE=$(gen_file "$n")
    LAST=$FILE
    BYTES=$(wc -c < "$FILE" | tr -d ' ')
    cat "$FILE" > /dev/null   # warm page cache
    : > "$TMP/m.txt"
    # shellcheck disable=SC2016  # $1 is expanded by the inner sh
    measure cat "$REPEAT" sh -c 'cat "$1" > /dev/null' sh "$FILE"
    measure wc "$REPEAT" wc -l "$FILE"
    measure inspect "$REPEAT" "$PROGRAM" inspect "$FILE"
    rm -rf "$TMP/rep"
    measure report "$REPEAT_SLOW" "$PROGRAM" report "$FILE" -o "$TMP/rep" --account-er mean \
        --only bands,micro-mega,scaling,distributions --no-figures --boot "$B"
    cmds=""
    run_cmd() { # KEY ARGS...
        k=$1
        shift
        measure "$k" "$REPEAT_SLOW" "$PROGRAM" "$@" "$FILE" --account-er mean --format json -o "$TMP/$k.json"
        cmds="$cmds $k"
    }
    run_cmd describe describe --boot "$B"
    run_cmd describe_niche describe --by niche --boot 0
    run_cmd describe_noboot describe --boot 0
    run_cmd compare compare --boot "$B"
    run_cmd regress regress --covariates niche --vcov HC3
    run_cmd fit fit --dist lognormal,gamma
    srcs=""
    if [ "$HAVE_R" = 1 ]; then
        measure R "$REPEAT" Rscript "$BENCH/pipeline.R" "$FILE" "$TMP/r.csv" "$B" 1
        srcs="R=$TMP/r.csv"
    fi
    measure Python "$REPEAT" "$PY" "$BENCH/pipeline.py" "$FILE" "$TMP/py.csv" "$B" 1
    srcs="$srcs Python=$TMP/py.csv"
    # shellcheck disable=SC2086
    "$PY" "$BENCH/agree.py" $srcs "report=$TMP/rep/results.json" \
        "commands=describe:$TMP/describe.json+describe_niche:$TMP/describe_niche.json+compare:$TMP/compare.json+regress:$TMP/regress.json+fit:$TMP/fit.json" \
        > "$TMP/agree.md" || STATUS=1
    accounts=$(awk -F, '$1 == "n" {s += $3} END {print s}' "$TMP/py.csv")
    sum_wall=0 max_rss=0
    for k in describe describe_niche compare regress fit; do
        sum_wall=$(awk -v a="$sum_wall" -v b="$(get "$k" 2)" 'BEGIN {printf "%.3f", a + b}')
        r=$(get "$k" 3)
        [ "$r" -gt "$max_rss" ] 2> /dev/null && max_rss=$r
    done
    echo "$n sum $sum_wall $max_rss" >> "$TMP/sums.txt"
    {
        echo "## $n rows ($(awk -v b="$BYTES" 'BEGIN {printf "%.0f", b / 1e6}') MB, $accounts accounts in bands): \`$(basename "$FILE")\`"
        echo
        echo "| run | wall s (median of runs) | CPU s | peak RSS MiB | MB/s |"
        echo "|---|---:|---:|---:|---:|"
        row() { # KEY LABEL
            w=$(get "$1" 2)
            echo "| $2 | $w | $(get "$1" 4) | $(get "$1" 3) | $(awk -v b="$BYTES" -v w="$w" 'BEGIN {if (w + 0 > 0) printf "%.0f", b / 1e6 / w}') |"
        }
        row cat "\`cat FILE > /dev/null\` ($REPEAT runs)"
        row wc "\`wc -l\` ($REPEAT runs)"
        row inspect "engagestat inspect (load only, $REPEAT runs)"
        row report "engagestat report, one invocation ($REPEAT_SLOW run(s); it does more, see README)"
        row describe "engagestat describe --boot $B ($REPEAT_SLOW run(s) each, this and below)"
        row describe_niche "engagestat describe --by niche --boot 0"
        row describe_noboot "engagestat describe --boot 0 (describe without the bootstrap)"
        row compare "engagestat compare --boot $B"
        row regress "engagestat regress --covariates niche --vcov HC3"
        row fit "engagestat fit --dist lognormal,gamma"
        echo "| engagestat, the five commands describe + describe --by niche + compare + regress + fit | $sum_wall | | $max_rss | |"
        [ "$HAVE_R" = 1 ] && row R "R: Rscript pipeline.R ($REPEAT run(s))"
        row Python "Python: pipeline.py ($REPEAT run(s))"
        echo
        echo "Per-stage seconds (the scripts' own clocks, last run):"
        echo
        echo "| stage | R | Python |"
        echo "|---|---:|---:|"
        for s in startup load aggregate describe tests ols fit bootstrap total; do
            echo "| $s | $(awk -v s="$s" '$1 == "stage" && $2 == s {print $3}' "$TMP/R.out" 2> /dev/null) | $(awk -v s="$s" '$1 == "stage" && $2 == s {print $3}' "$TMP/Python.out") |"
        done
        echo
        echo "Agreement (largest relative difference per quantity; bootstrap ends in SEs):"
        echo
        cat "$TMP/agree.md"
        echo
    } >> "$TMP/body.md"
done

# ---------------------------------------------------------------- wide headers
for cols in $WIDE; do
    W=$DATA/wide-$cols.csv
    if [ ! -f "$W" ]; then
        awk -v c="$cols" 'BEGIN {for (r = 0; r < 3; r++) {s = (r ? "1" : "c1"); for (i = 2; i <= c; i++) s = s "," (r ? i : "c" i); print s}}' > "$W.tmp"
        mv "$W.tmp" "$W"
    fi
    : > "$TMP/m.txt"
    measure "wide" 1 timeout 300 "$PROGRAM" inspect "$W"
    echo "$cols $(get wide 2) $(get wide 3)" >> "$TMP/wide.txt"
done

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2> /dev/null | head -n 1)
mem_gb=$(awk '/^MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo 2> /dev/null)
# shellcheck disable=SC2016  # R code, not shell
rver=$( [ "$HAVE_R" = 1 ] && Rscript -e 'cat(R.version$major, ".", R.version$minor, " data.table ", format(packageVersion("data.table")), " sandwich ", format(packageVersion("sandwich")), " fitdistrplus ", format(packageVersion("fitdistrplus")), sep = "")' 2> /dev/null)
pyver=$("$PY" -c 'import sys, pandas, scipy, statsmodels, numpy; print("Python %d.%d.%d pandas %s scipy %s statsmodels %s numpy %s" % (sys.version_info[:3] + (pandas.__version__, scipy.__version__, statsmodels.__version__, numpy.__version__)))')
{
    echo "# engagestat canonical-pipeline benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $NPROC CPU(s), ${cpu_model:-unknown CPU}, $mem_gb GiB RAM, $(uname -sr)"
    echo "- engagestat: $("$PROGRAM" --version 2> /dev/null | head -n 1) ($PROGRAM); R $rver; $pyver"
    echo "- load average before: $LOAD_BEFORE, after: $LOAD_AFTER"
    echo "- files: gen_posts ROWS $SEED FILE $POSTS; warm page cache; B = $B; wall = median of runs (date +%s%N), peak RSS = max over runs and CPU = user + system of the last run (/usr/bin/time -v)"
    echo
    cat "$TMP/body.md"
    echo "## Wide header (engagestat inspect on a 3-line file)"
    echo
    echo "| columns | wall s | peak RSS MiB |"
    echo "|---:|---:|---:|"
    awk '{print "| " $1 " | " $2 " | " $3 " |"}' "$TMP/wide.txt"
} > "$OUT"
cat "$OUT"

# ---------------------------------------------------------------- profile
if [ "$PROFILE" = 1 ]; then
    PROF=$RESULTS/profile-pipeline.txt
    if command -v perf > /dev/null 2>&1 && perf record -q -e cpu-clock -o "$TMP/probe.data" true > /dev/null 2>&1; then
        : > "$PROF"
        for c in "describe --boot $B" "compare --boot $B" "regress --covariates niche --vcov HC3" "fit --dist lognormal,gamma" "inspect"; do
            echo "pipeline.sh: perf record on engagestat $c" >&2
            extra="--account-er mean"
            case $c in inspect) extra="" ;; esac
            # shellcheck disable=SC2086
            perf record -q -e cpu-clock -g -o "$TMP/perf.data" "$PROGRAM" $c "$LAST" $extra > /dev/null 2>&1
            {
                echo "# perf record -e cpu-clock -g: engagestat $c $(basename "$LAST") $extra (self)"
                perf report -i "$TMP/perf.data" --stdio --no-children --sort symbol 2> /dev/null | grep -E '^ +[0-9.]+%' | head -n 25
                echo
                echo "# the same, with callees (children)"
                perf report -i "$TMP/perf.data" --stdio --children --sort symbol -g none 2> /dev/null | grep -E '^ +[0-9.]+%' | head -n 25
                echo
            } >> "$PROF"
        done
    else
        command -v valgrind > /dev/null 2>&1 || sh "$ROOT/scripts/install-deps.sh" valgrind
        small=$(gen_file 1000000)
        valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" "$PROGRAM" describe "$small" --account-er mean > /dev/null 2> "$TMP/cg.err"
        { echo "# valgrind --tool=callgrind: engagestat describe $(basename "$small")"; callgrind_annotate "$TMP/cg.out" 2> /dev/null | head -n 60; } > "$PROF"
    fi
    echo "pipeline.sh: profile written to $PROF" >&2
fi
exit $STATUS
