#!/bin/sh
# run.sh — the engagestat loader benchmark (`make bench`; see scripts/bench/README.md).
#
# Generates a synthetic post-level CSV (scripts/bench/gen_posts.c, deterministic) and
# times, on that file, `engagestat inspect` (text and --format json), `wc -l`, and
# R data.table::fread (1 thread and all threads), plus `engagestat describe` once that
# command exists.  For each: wall time, CPU time, MB/s, rows/s, peak RSS.  Prints a
# markdown table and writes it to scripts/bench/results/latest.md.
#
# Environment:
#   ES_PROGRAM=PATH   the engagestat program (default build/engagestat, built with make
#                     when missing)
#   BENCH_ROWS=N      data rows (default 10000000, about 0.8 GB)
#   BENCH_SEED=N      generator seed (default 20240601)
#   BENCH_REPEAT=N    runs per command, the fastest is reported (default 3)
#   BENCH_FREAD=0     skip the R fread runs
#   BENCH_DESCRIBE_ROWS=N   rows for the one `describe` run (default 1000000; it
#                     bootstraps, and took 6 min on 10M rows when it first landed)
#   BENCH_DESCRIBE_LIMIT=S  seconds allowed for that run (default 300)
#   BENCH_JSONL_ROWS=N  rows of the JSON Lines copy timed with inspect, beside the
#                     CSV of the same rows (default 1000000, at most BENCH_ROWS; 0 skips)
#   BENCH_PROFILE=1   afterwards, profile `engagestat inspect` (perf record with the
#                     cpu-clock event when perf works, else valgrind --tool=callgrind on
#                     at most 1M rows) into scripts/bench/results/profile.txt
#   BENCH_PROFILER=perf|callgrind   force one profiler
#
# This is the loader benchmark.  `make bench` and run.sh without BENCH_SUITE run the
# canonical-pipeline benchmark of issue 15 instead (pipeline.sh, its own variables):
#   BENCH_SUITE=pipeline (default)  pipeline.sh
#   BENCH_SUITE=loader              the loader benchmark below
#   BENCH_SUITE=all                 both, the pipeline first
# shellcheck disable=SC2317  # the check_* functions are called through measure
set -eu

case ${BENCH_SUITE:-pipeline} in
pipeline) exec sh "$(dirname "$0")/pipeline.sh" ;;
all) sh "$(dirname "$0")/pipeline.sh" || exit $? ;;
loader) ;;
*) echo "run.sh: BENCH_SUITE must be pipeline, loader or all" >&2; exit 2 ;;
esac

# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"
ROWS=${BENCH_ROWS:-10000000}
SEED=${BENCH_SEED:-20240601}
REPEAT=${BENCH_REPEAT:-3}
FREAD=${BENCH_FREAD:-1}
PROFILE=${BENCH_PROFILE:-0}
PROFILER=${BENCH_PROFILER:-}
DESCRIBE_LIMIT=${BENCH_DESCRIBE_LIMIT:-300}
DESCRIBE_ROWS=${BENCH_DESCRIBE_ROWS:-1000000}
JSONL_ROWS=${BENCH_JSONL_ROWS:-1000000}

case $ROWS in '' | *[!0-9]*) echo "run.sh: BENCH_ROWS must be a number" >&2; exit 2 ;; esac
case $SEED in '' | *[!0-9]*) echo "run.sh: BENCH_SEED must be a number" >&2; exit 2 ;; esac
case $REPEAT in '' | *[!0-9]* | 0) echo "run.sh: BENCH_REPEAT must be a positive number" >&2; exit 2 ;; esac
case $DESCRIBE_ROWS in '' | *[!0-9]* | 0) echo "run.sh: BENCH_DESCRIBE_ROWS must be a positive number" >&2; exit 2 ;; esac
case $JSONL_ROWS in '' | *[!0-9]*) echo "run.sh: BENCH_JSONL_ROWS must be a number" >&2; exit 2 ;; esac
[ "$JSONL_ROWS" -le "$ROWS" ] || JSONL_ROWS=$ROWS
case $DESCRIBE_LIMIT in '' | *[!0-9]* | 0) echo "run.sh: BENCH_DESCRIBE_LIMIT must be a positive number" >&2; exit 2 ;; esac

# ---------------------------------------------------------------- the program
if [ -n "${ES_PROGRAM:-}" ]; then
    case $ES_PROGRAM in /*) PROGRAM=$ES_PROGRAM ;; *) PROGRAM=$here/$ES_PROGRAM ;; esac
    if [ ! -x "$PROGRAM" ]; then
        echo "run.sh: ES_PROGRAM=$ES_PROGRAM is not an executable file" >&2
        exit 2
    fi
else
    PROGRAM=$ROOT/build/engagestat
    if [ ! -x "$PROGRAM" ]; then
        echo "run.sh: $PROGRAM missing; building it" >&2
        make -C "$ROOT" all >&2
    fi
fi

# ---------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ]; then
    sh "$ROOT/scripts/install-deps.sh" time
fi
command -v cc >/dev/null 2>&1 || sh "$ROOT/scripts/install-deps.sh"
if [ "$FREAD" = 1 ] && ! command -v Rscript >/dev/null 2>&1; then
    echo "run.sh: Rscript not found; skipping the fread runs" >&2
    FREAD=0
fi
if [ "$FREAD" = 1 ] && ! Rscript -e 'suppressPackageStartupMessages(library(data.table))' >/dev/null 2>&1; then
    echo "run.sh: R package data.table not installed; skipping the fread runs" >&2
    FREAD=0
fi

bench_setup

# ---------------------------------------------------------------- the data file
FILE=$DATA/posts-$ROWS-s$SEED.csv
STAMP=$FILE.stamp
want_stamp="rows=$ROWS seed=$SEED gen=$(cksum < "$BENCH/gen_posts.c" | cut -d' ' -f1)"
if [ ! -f "$FILE" ] || [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want_stamp" ]; then
    rm -f "$FILE" "$STAMP"
    need_kb=$((ROWS * 90 / 1000 + 1024))   # about 82 bytes a row, with room
    free_kb=$(df -Pk "$DATA" | awk 'NR == 2 {print $4}')
    if [ "$free_kb" -lt "$need_kb" ]; then
        echo "run.sh: need about $((need_kb / 1024)) MB free in $DATA, have $((free_kb / 1024)) MB" >&2
        exit 1
    fi
    echo "run.sh: generating $ROWS rows (seed $SEED) into $FILE" >&2
    g0=$(date +%s%N)
    "$GEN" "$ROWS" "$SEED" "$FILE.tmp"
    g1=$(date +%s%N)
    mv "$FILE.tmp" "$FILE"
    echo "$want_stamp" > "$STAMP"
    echo "run.sh: generated in $(awk -v a="$g0" -v b="$g1" 'BEGIN {printf "%.1f", (b - a) / 1e9}') s" >&2
fi
BYTES=$(wc -c < "$FILE" | tr -d ' ')
# Read the file once so that every command below starts from a warm page cache.
cat "$FILE" > /dev/null

# ---------------------------------------------------------------- measuring
ROWS_MD=$TMP/rows.md
: > "$ROWS_MD"
STATUS=0

# measure LABEL CHECK-FUNCTION COMMAND...: runs COMMAND (stdout to $TMP/out) REPEAT
# times under /usr/bin/time -v, keeps the fastest, appends a table row.
measure() {
    label=$1
    check=$2
    shift 2
    best=""
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        i=$((i + 1))
        echo "run.sh: $label (run $i of $REPEAT)" >&2
        t0=$(date +%s%N)
        rc=0
        /usr/bin/time -v -o "$TMP/time.txt" "$@" > "$TMP/out" 2> "$TMP/err" || rc=$?
        if [ "$rc" -ne 0 ]; then
            echo "run.sh: $label failed (exit status $rc):" >&2
            sed 's/^/  /' "$TMP/err" >&2
            why=$(grep -v '^Command exited with non-zero status' "$TMP/err" | head -n 1 | tr '|' '/')
            [ "$rc" = 124 ] && [ "$1" = timeout ] && why="timed out after ${DESCRIBE_LIMIT} s"
            echo "| $label | failed | | | | | exit status $rc: $why |" >> "$ROWS_MD"
            STATUS=1
            return 0
        fi
        t1=$(date +%s%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
        if [ -z "$best" ] || awk -v w="$wall" -v b="$best" 'BEGIN {exit !(w < b)}'; then
            best=$wall
            cpu=$(awk -F': ' '/User time \(seconds\)/ {u = $2} /System time \(seconds\)/ {s = $2}
                             END {printf "%.2f", u + s}' "$TMP/time.txt")
            rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$TMP/time.txt")
            note=$($check)
            case $note in MISMATCH*) STATUS=1 ;; esac
        fi
    done
    awk -v l="$label" -v w="$best" -v c="$cpu" -v r="$rss" -v by="$BYTES" -v n="$ROWS" -v note="$note" \
        'BEGIN {printf "| %s | %.3f | %.2f | %.0f | %.2f | %s | %s |\n", l, w, c, by / 1e6 / w, n / 1e6 / w, r, note}' \
        >> "$ROWS_MD"
}

check_wc() {
    lines=$(awk '{print $1}' "$TMP/out")
    if [ "$lines" = $((ROWS + 1)) ]; then echo "$lines lines"; else echo "MISMATCH: $lines lines"; fi
}
check_inspect() {
    got=$(awk '$1 == "rows" {print $2}' "$TMP/out")
    if [ "$got" = "$ROWS" ]; then echo "$got rows read"; else echo "MISMATCH: rows read $got"; fi
}
check_json() {
    got=$(tr ',' '\n' < "$TMP/out" | sed -n 's/.*"rows_read": *\([0-9]*\).*/\1/p' | head -n 1)
    if [ "$got" = "$ROWS" ]; then echo "rows_read $got"; else echo "MISMATCH: rows_read $got"; fi
}
check_fread() {
    got=$(sed -n 's/.*rows=\([0-9]*\).*/\1/p' "$TMP/out")
    fs=$(sed -n 's/.*fread_seconds=\([0-9.]*\).*/\1/p' "$TMP/out")
    if [ "$got" = "$ROWS" ]; then echo "nrow $got; fread() alone $fs s"; else echo "MISMATCH: nrow $got"; fi
}
check_none() {
    echo "$(wc -l < "$TMP/out" | tr -d ' ') output lines"
}

NPROC=$(nproc 2>/dev/null || echo 1)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
measure "wc -l" check_wc wc -l "$FILE"
measure "engagestat inspect" check_inspect "$PROGRAM" inspect "$FILE"
measure "engagestat inspect --format json" check_json "$PROGRAM" inspect "$FILE" --format json
if [ "$JSONL_ROWS" -gt 0 ]; then
    # The same rows as JSON Lines (the first BENCH_JSONL_ROWS of them): MB/s and rows/s
    # of this file, then the CSV of the same rows for the ratio.
    JFILE=$DATA/posts-$ROWS-s$SEED-first$JSONL_ROWS.jsonl
    JCSV=$DATA/posts-$ROWS-s$SEED-first$JSONL_ROWS.csv
    if [ ! -f "$JFILE" ] || [ "$JFILE" -ot "$FILE" ]; then
        echo "run.sh: writing the JSON Lines copy of $JSONL_ROWS rows into $JFILE" >&2
        head -n $((JSONL_ROWS + 1)) "$FILE" > "$JCSV.tmp"
        # Numbers as they are, text quoted, empty null; the generator's one quoted
        # cell, "food, drink", is the only comma inside a field.
        awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) k[i] = $i; next}
            {gsub(/"food, drink"/, "food\001 drink"); $0 = $0
             s = "{"; for (i = 1; i <= NF; i++) {v = $i; gsub(/\001/, ",", v)
                 if (v == "") v = "null"; else if (v !~ /^-?[0-9]+(\.[0-9]+)?$/) v = "\"" v "\""
                 s = s (i > 1 ? ", " : "") "\"" k[i] "\": " v}
             print s "}"}' "$JCSV.tmp" > "$JFILE.tmp"
        mv "$JCSV.tmp" "$JCSV"
        mv "$JFILE.tmp" "$JFILE"
    fi
    cat "$JFILE" "$JCSV" > /dev/null
    saved_rows=$ROWS saved_bytes=$BYTES
    ROWS=$JSONL_ROWS
    BYTES=$(wc -c < "$JFILE" | tr -d ' ')
    measure "engagestat inspect, JSON Lines ($JSONL_ROWS rows, yajl)" check_inspect "$PROGRAM" inspect "$JFILE"
    BYTES=$(wc -c < "$JCSV" | tr -d ' ')
    measure "engagestat inspect, the same $JSONL_ROWS rows as CSV" check_inspect "$PROGRAM" inspect "$JCSV"
    ROWS=$saved_rows BYTES=$saved_bytes
fi
if "$PROGRAM" describe --help > /dev/null 2>&1; then
    # describe bootstraps (2000 resamples by default): one run, on a file of
    # BENCH_DESCRIBE_ROWS rows (same generator and seed), with a time limit.
    saved=$REPEAT:$ROWS:$BYTES
    REPEAT=1
    DFILE=$FILE
    if [ "$DESCRIBE_ROWS" -lt "$ROWS" ]; then
        DFILE=$DATA/posts-$DESCRIBE_ROWS-s$SEED.csv
        dstamp="rows=$DESCRIBE_ROWS seed=$SEED gen=$(cksum < "$BENCH/gen_posts.c" | cut -d' ' -f1)"
        if [ ! -f "$DFILE" ] || [ ! -f "$DFILE.stamp" ] || [ "$(cat "$DFILE.stamp")" != "$dstamp" ]; then
            "$GEN" "$DESCRIBE_ROWS" "$SEED" "$DFILE.tmp"
            mv "$DFILE.tmp" "$DFILE"
            echo "$dstamp" > "$DFILE.stamp"
        fi
        ROWS=$DESCRIBE_ROWS
        BYTES=$(wc -c < "$DFILE" | tr -d ' ')
    fi
    measure "engagestat describe, $ROWS rows (1 run, limit ${DESCRIBE_LIMIT} s)" check_none \
        timeout "$DESCRIBE_LIMIT" "$PROGRAM" describe "$DFILE"
    REPEAT=${saved%%:*}
    saved=${saved#*:}
    ROWS=${saved%%:*}
    BYTES=${saved#*:}
else
    echo "run.sh: engagestat describe not available yet; not timed" >&2
fi
# regress: post units on the whole file, cluster-robust by account (one streaming
# accumulation plus a pass for the sandwich), one run.
saved=$REPEAT
REPEAT=1
measure "engagestat regress --unit post (CR1 by account)" check_none "$PROGRAM" regress "$FILE" --unit post
REPEAT=$saved
# fit: the power-law tail of 1M follower counts (one per account, from the same
# file) with the xmin search; then with a 20-replicate bootstrap on all threads.
FOLL=$DATA/followers-1000000-s$SEED.txt
if [ ! -f "$FOLL" ] || [ "$FOLL" -ot "$FILE" ]; then
    # The niche "food, drink" is quoted and holds the delimiter: followers move one field.
    awk -F, 'NR > 1 && !seen[$1]++ { print ($3 ~ /^"/ ? $5 : $4); if (++n == 1000000) exit }' \
        "$FILE" > "$FOLL.tmp"
    mv "$FOLL.tmp" "$FOLL"
fi
saved=$REPEAT:$ROWS:$BYTES
ROWS=$(wc -l < "$FOLL" | tr -d ' ')
BYTES=$(wc -c < "$FOLL" | tr -d ' ')
measure "engagestat fit --column V1 ($ROWS follower counts)" check_none \
    "$PROGRAM" fit "$FOLL" --no-header --column V1
REPEAT=1
measure "engagestat fit --column V1 --boot 20 --threads $(nproc 2>/dev/null || echo 1)" check_none \
    "$PROGRAM" fit "$FOLL" --no-header --column V1 --boot 20 --threads 0
REPEAT=${saved%%:*}
saved=${saved#*:}
ROWS=${saved%%:*}
BYTES=${saved#*:}
if [ "$FREAD" = 1 ]; then
    measure "R data.table::fread, 1 thread" check_fread Rscript "$BENCH/fread.R" "$FILE" 1
    if [ "$NPROC" -gt 1 ]; then
        measure "R data.table::fread, $NPROC threads" check_fread Rscript "$BENCH/fread.R" "$FILE" "$NPROC"
    fi
fi

# ---------------------------------------------------------------- the report
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem_gb=$(awk '/^MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo 2>/dev/null)
{
    echo "# engagestat benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- file: \`$(basename "$FILE")\`, $ROWS data rows, $BYTES bytes ($(awk -v b="$BYTES" 'BEGIN {printf "%.0f", b / 1e6}') MB), in the page cache"
    echo "- program: $("$PROGRAM" --version 2>/dev/null | head -n 1) ($PROGRAM)"
    echo "- machine: $NPROC CPU(s), ${cpu_model:-unknown CPU}, $mem_gb GiB RAM, $(uname -sr)"
    echo "- load average before: $LOAD_BEFORE, after: $LOAD_AFTER (other work on the machine slows every row)"
    echo "- best of $REPEAT run(s); wall from date +%s%N, CPU = user + system and peak RSS from /usr/bin/time -v"
    echo "- MB = 10^6 bytes, MiB = 2^20 bytes; rows/s in millions; the fread wall time includes R start-up"
    echo
    echo "| command | wall s | CPU s | MB/s | M rows/s | peak RSS MiB | check |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    cat "$ROWS_MD"
} > "$RESULTS/latest.md"
cat "$RESULTS/latest.md"

# ---------------------------------------------------------------- profile
if [ "$PROFILE" = 1 ]; then
    PROF=$RESULTS/profile.txt
    if [ -z "$PROFILER" ]; then
        PROFILER=callgrind
        if command -v perf > /dev/null 2>&1 &&
            perf record -q -e cpu-clock -o "$TMP/probe.data" true > /dev/null 2>&1; then
            PROFILER=perf
        fi
    fi
    if [ "$PROFILER" = perf ]; then
        echo "run.sh: perf record -e cpu-clock on engagestat inspect" >&2
        perf record -q -e cpu-clock -g -o "$TMP/perf.data" "$PROGRAM" inspect "$FILE" > /dev/null
        {
            echo "# perf record -e cpu-clock -g: engagestat inspect $(basename "$FILE")"
            perf report -i "$TMP/perf.data" --stdio --no-children --sort symbol 2> /dev/null |
                grep -E '^ +[0-9.]+%' | head -n 40
            echo
            echo "# with callees (children)"
            perf report -i "$TMP/perf.data" --stdio --children --sort symbol -g none 2> /dev/null |
                grep -E '^ +[0-9.]+%' | head -n 40
        } > "$PROF"
    else
        command -v valgrind >/dev/null 2>&1 || sh "$ROOT/scripts/install-deps.sh" valgrind
        small=$FILE
        if [ "$ROWS" -gt 1000000 ]; then
            small=$TMP/posts-1m.csv
            "$GEN" 1000000 "$SEED" "$small"
        fi
        echo "run.sh: valgrind --tool=callgrind on engagestat inspect (1M rows at most)" >&2
        valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" "$PROGRAM" inspect "$small" \
            > /dev/null 2> "$TMP/cg.err"
        {
            echo "# valgrind --tool=callgrind: engagestat inspect $(basename "$small")"
            callgrind_annotate "$TMP/cg.out" 2> /dev/null | head -n 60
            echo
            echo "# inclusive"
            callgrind_annotate --inclusive=yes "$TMP/cg.out" 2> /dev/null | head -n 60
        } > "$PROF"
    fi
    echo "run.sh: profile written to $PROF" >&2
    head -n 30 "$PROF"
fi
exit $STATUS
