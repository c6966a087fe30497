#!/bin/sh
# describe, compare, regress, fit, plot and report build the analysis units as the rows stream past
# (es_units_acc fed by the loader's sink, src/cli/units.c) when the file lets them, and
# keep no post table; ES_STREAM=0 keeps every row and builds the units from the table
# (es_units_build), the reference.  The two must print the same: for post files of
# 150,000 rows made here (three runs of the sink, accounts spread over all of them, on
# two platforms, with follower counts that vary, rows the loader rejects, rows without
# a rate, accounts that lose every row, rows without an account, rates above
# --max-er), read from a file, gzip, a pipe and as JSON Lines, with every account
# aggregation, post units, other rate definitions, bands, filters and the report, and
# for the cases that keep the table (an er column, no post column, --dedupe,
# --band-column, --level) and the failures (no defined rate, a bad byte past the first
# run, an unknown --er).  Each pair must have the same standard output, standard
# error and exit status (reports: tests/report_same.py).  And streaming must keep the
# memory down: describe's peak RSS (GNU time) on 600,000 rows below 3/4 of the reference's
# (not under the sanitizers, whose shadow memory is not the program's).
# Usage: sh tests/stream-same.sh  (ES_PROGRAM names the program, default build/engagestat)
set -u
PROGRAM=${ES_PROGRAM:-build/engagestat}
export LC_ALL=C SOURCE_DATE_EPOCH=1700000000
unset ES_STREAM
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0

python3 - "$TMP" <<'EOF'
import random, sys, json
d = sys.argv[1]
rng = random.Random(20261202)
niches = ["beauty", "travel", "food, drink", "fitness", "gaming"]
accts = []
for a in range(3000):
    f = int(10 ** rng.uniform(3, 7))
    accts.append(("acc%04d" % a, rng.choice(["instagram", "tiktok"]), rng.choice(niches), f))
head = "account_id,platform,niche,followers,post_id,posted_at,likes,comments,shares,views,sponsored"
rows = []
for i in range(150000):
    a, plat, niche, f = accts[rng.randrange(len(accts))]
    n = int(a[3:])
    if n % 17 == 0 and rng.random() < 0.5:
        plat = "youtube"                        # the same name on another platform
    if n % 5 == 0:
        f = f + rng.randrange(-50, 50)          # follower snapshots that vary
    likes = str(int(f * rng.lognormvariate(-3.5, 1)))
    comments = str(int(rng.random() * 40))
    r = rng.random()
    if n % 97 == 0 or r < 0.01:
        likes = ""                              # no rate: the account may lose every row
    elif r < 0.015:
        comments = "NA"
    elif r < 0.02:
        likes = str(f * 3)                      # above --max-er
    elif r < 0.022:
        likes = "0"; comments = "0"
    if n % 101 == 0 and rng.random() < 0.3:
        niche = ""                              # the first niche seen is not the first row's
    acct = "" if rng.random() < 0.003 else a
    fol = str(f)
    if rng.random() < 0.002:
        fol = "0"                               # rejected by the loader
    elif rng.random() < 0.002:
        likes = "-3"                            # rejected: a negative count
    q = '"%s"' % niche if "," in niche else niche
    rows.append(",".join([acct, plat, q, fol, "p%07d" % i, "2024-%02d-%02dT10:00:00Z" % (1 + i % 12, 1 + i % 28),
                          likes, comments, str(rng.randrange(50)), str(int(f * rng.random())), str(int(rng.random() < 0.1))]))
open(d + "/posts.csv", "w").write(head + "\n" + "\n".join(rows) + "\n")
# a rate no row has
open(d + "/norate.csv", "w").write(head + "\n" + "\n".join(
    ",".join(r.split(",")[:6] + ["", "", "1", "2", "0"]) for r in rows[:70000] if '"' not in r) + "\n")
# a NUL byte past the first run of the sink
b = (head + "\n" + "\n".join(rows[:100000]) + "\n").encode()
k = b.index(b"\n", 90000 * 80) + 1
open(d + "/nul.csv", "wb").write(b[:k] + b"acc0001,instagram,beauty,1000,px,2024-01-01,1\x00,2,3,4,0\n" + b[k:])
# an er column; no post column
open(d + "/er.csv", "w").write(head + ",er\n" + "\n".join(r + ",0.0%d" % (i % 9) for i, r in enumerate(rows[:80000])) + "\n")
open(d + "/nopost.csv", "w").write("account_id,platform,niche,followers,likes,comments\n" + "\n".join(
    ",".join(r.split(",")[:4] + r.split(",")[6:8]) for r in rows[:80000] if '"' not in r) + "\n")
EOF
gzip -k "$TMP/posts.csv"
$PROGRAM export "$TMP/posts.csv" -o "$TMP/posts.jsonl" --to jsonl 2> /dev/null ||
    { echo "FAIL: export to JSON Lines" >&2; fail=$((fail + 1)); }

# run MODE ARGS...: the program with ES_STREAM=0 (MODE ref) or without (MODE new) into
# $TMP/MODE.{rc,out,err}; a file argument '-' reads $TMP/posts.csv through a pipe.
run() {
    o=$TMP/$1; mode=$1; shift
    case " $* " in *" - "*) pipe=1 ;; *) pipe=0 ;; esac
    if [ "$mode" = ref ]; then env=ES_STREAM=0; else env=ES_STREAM=1; fi
    if [ $pipe = 1 ]; then
        cat "$TMP/posts.csv" | env $env $PROGRAM "$@" > "$o.out" 2> "$o.err"
    else
        env $env $PROGRAM "$@" < /dev/null > "$o.out" 2> "$o.err"
    fi
    echo $? > "$o.rc"
}

# same ARGS...: both modes, compared.
same() {
    run ref "$@"
    run new "$@"
    why=""
    for k in rc out err; do cmp -s "$TMP/ref.$k" "$TMP/new.$k" || why="$why $k"; done
    if [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $*: streaming and ES_STREAM=0 differ in:$why (< ES_STREAM=0, > streaming)" >&2
        for k in $why; do diff "$TMP/ref.$k" "$TMP/new.$k" | head -10 >&2; done
    fi
}
# report FILE ARGS...: same, for report -o DIR.
report() {
    f=$1; shift
    rm -rf "$TMP/ref-dir" "$TMP/new-dir"
    run ref report "$f" -o "$TMP/ref-dir" "$@"
    run new report "$f" -o "$TMP/new-dir" "$@"
    why=""
    for k in rc err; do cmp -s "$TMP/ref.$k" "$TMP/new.$k" || why="$why $k"; done
    sed 's|ref-dir|DIR|' "$TMP/ref.out" > "$TMP/ref.o2"; sed 's|new-dir|DIR|' "$TMP/new.out" > "$TMP/new.o2"
    cmp -s "$TMP/ref.o2" "$TMP/new.o2" || why="$why out"
    if [ -d "$TMP/ref-dir" ] && ! python3 tests/report_same.py "$TMP/ref-dir" "$TMP/new-dir" > "$TMP/rs" 2>&1; then
        why="$why report"; cat "$TMP/rs" >&2
    fi
    if [ -z "$why" ]; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL report $f $*: streaming and ES_STREAM=0 differ in:$why" >&2
        for k in err o2; do diff "$TMP/ref.$k" "$TMP/new.$k" | head -10 >&2; done
    fi
}

P=$TMP/posts.csv
for f in "$P" "$P.gz" - "$TMP/posts.jsonl"; do
    for agg in median mean ratio; do
        same describe "$f" --account-er "$agg" --format json --boot 200
    done
    same describe "$f" --unit post --format json --boot 0
    same compare "$f" --format json --perm 200 --boot 200
done
same describe "$P" --by niche --format json --boot 0
same describe "$P" --by platform --account-er mean --format json --boot 0
same describe "$P" --max-er 0.2 --format json --boot 0
same describe "$P" --er likes/followers --format json --boot 0
same describe "$P" --er '(likes+comments+shares)/followers' --account-er ratio --format json --boot 0
same describe "$P" --er views/followers --format json --boot 0
same describe "$P" --bands later --format csv --boot 0
same describe "$P" --where platform=instagram --where 'likes>10' --format json --boot 0
same compare "$P" --by niche --format json --perm 100 --boot 0
same regress "$P" --format json
same regress "$P" --covariates 'niche, platform,sponsored' --vcov HC3 --robust huber --format json
same regress "$P" --count comments --format json
same regress "$P" --models --boot 100 --format json
same regress "$P" --shape --boot 0 --format json
same regress "$TMP/posts.jsonl" --count likes --format json
same fit "$P" --format json
same fit - --by niche --dist lognormal,gamma --format json
same fit "$P" --column likes --format json
report "$P" --only bands,micro-mega,scaling,distributions --no-figures --boot 200
report "$P" --account-er mean --no-figures --boot 200
report "$P" --unit post --only bands,micro-mega,scaling --no-figures --boot 0
# plot: the figures' data files, scripts and SVGs, rendered into one directory in turn
rm -rf "$TMP/plot" "$TMP/plot-ref"
ES_STREAM=0 $PROGRAM plot "$P" -o "$TMP/plot" --format svg > "$TMP/ref.out" 2> "$TMP/ref.err"; echo $? > "$TMP/ref.rc"
mv "$TMP/plot" "$TMP/plot-ref"
ES_STREAM=1 $PROGRAM plot "$P" -o "$TMP/plot" --format svg > "$TMP/new.out" 2> "$TMP/new.err"; echo $? > "$TMP/new.rc"
if cmp -s "$TMP/ref.rc" "$TMP/new.rc" && cmp -s "$TMP/ref.out" "$TMP/new.out" && cmp -s "$TMP/ref.err" "$TMP/new.err" &&
    [ -d "$TMP/plot" ] && diff -r "$TMP/plot-ref" "$TMP/plot" > "$TMP/plotdiff"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAIL plot $P: streaming and ES_STREAM=0 differ" >&2; head -10 "$TMP/plotdiff" >&2
fi
# the table is kept: these read it whole
same regress "$P" --covariates niche,shares --format json
same describe "$P" --dedupe post_id --format json --boot 0
same describe "$P" --band-column niche --ratio beauty/travel --format json --boot 0
same describe "$P" --level post --format json --boot 0
same describe "$TMP/er.csv" --format json --boot 0
same describe "$TMP/nopost.csv" --format json --boot 0
report "$P" --only claims,bands --no-figures --boot 0
# failures
same describe "$TMP/norate.csv" --boot 0
same describe "$TMP/nul.csv" --boot 0
same describe "$P" --er 'likes/nosuch' --boot 0
same describe "$P" --bands nosuch --boot 0

# Memory: the post table is not kept.
if [ "${ES_BAD_SANITIZED:-0}" = 1 ]; then
    echo "stream-same: a sanitized build: the memory check is skipped" >&2
elif command -v /usr/bin/time > /dev/null 2>&1; then
    { cat "$P"; for i in 1 2 3; do tail -n +2 "$P"; done; } > "$TMP/big.csv" # 600,000 rows
    for mode in 0 1; do
        ES_STREAM=$mode /usr/bin/time -f %M -o "$TMP/rss$mode" $PROGRAM describe "$TMP/big.csv" --boot 0 \
            --format json > /dev/null 2>&1
    done
    r0=$(tail -1 "$TMP/rss0"); r1=$(tail -1 "$TMP/rss1")
    if [ "$r1" -lt $((r0 * 3 / 4)) ]; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL: streaming describe peak RSS $r1 KB is not below 3/4 of ES_STREAM=0's $r0 KB" >&2
    fi
else
    echo "stream-same: /usr/bin/time not found: the memory check is skipped" >&2
fi

echo "stream-same: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
