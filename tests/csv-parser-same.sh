#!/bin/sh
# The loader splits plain lines itself (es_split_line in src/data/load.c) and hands
# the rest to libcsv, and past the first 1,000 rows stores them in a thread of its own;
# ES_CSV_PARSER=libcsv hands libcsv every line and stores every row in the reading
# thread.  The two must load
# the same table: for every CSV/TSV file under tests/data (tests/data/csv-fast holds the
# edge cases), tests/bad-input (the committed cases and those gen.py big writes, with
# their .expect's args) and datasets, plus files made here (lines across the 1 MiB
# chunks, read from a file, a pipe and gzip), inspect and export (every kept cell as
# CSV, and the rejected rows with their lines) print the same standard output and error
# and exit with the same status with and without it.  A pair that differs fails,
# naming the file, the arguments and the first differences.
# Usage: sh tests/csv-parser-same.sh  (ES_PROGRAM names the program, default build/engagestat)
set -u
PROGRAM=${ES_PROGRAM:-build/engagestat}
export LC_ALL=C
unset ES_CSV_PARSER
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0

# prog PARSER ARGS...: the program, with ES_CSV_PARSER=libcsv or without it.
prog() {
    if [ "$1" = libcsv ]; then shift; ES_CSV_PARSER=libcsv $PROGRAM "$@"; else shift; $PROGRAM "$@"; fi
}

# one PARSER CMD ARGS...: run a command into $TMP/PARSER.{rc,out,err,rej}, its
# standard input $TMP/pipe through a pipe (when the file is '-') or nothing.
one() {
    o=$TMP/$1; parser=$1; ocmd=$2; shift 2
    rm -f "$o.rej"
    if [ "$ocmd" = export ]; then set -- export "$@" -o - --to csv --rejects "$o.rej"; else set -- inspect "$@"; fi
    if [ "$2" = - ]; then
        cat "$TMP/pipe" | prog "$parser" "$@" > "$o.out" 2> "$o.err"
    else
        prog "$parser" "$@" < /dev/null > "$o.out" 2> "$o.err"
    fi
    echo $? > "$o.rc"
    [ -e "$o.rej" ] || echo "(no rejects file)" > "$o.rej"
}

# same FILE ARGS...: inspect and export FILE with both parsers and compare them
# (same - FILE ARGS...: FILE comes through a pipe).
same() {
    if [ "$1" = - ]; then cp "$2" "$TMP/pipe"; shift 2; set -- - "$@"; fi
    for cmd in inspect export; do
        one fast "$cmd" "$@"
        one libcsv "$cmd" "$@"
        why=""
        for k in rc out err rej; do
            cmp -s "$TMP/fast.$k" "$TMP/libcsv.$k" || why="$why $k"
        done
        if [ -z "$why" ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "FAIL $cmd $*: the fast path and ES_CSV_PARSER=libcsv differ in:$why (< libcsv, > fast)" >&2
            for k in $why; do diff "$TMP/libcsv.$k" "$TMP/fast.$k" | head -10 >&2; done
        fi
    done
}

# Every file of the suites, with the arguments its bad-input case gives.
for f in tests/data/*.csv tests/data/*.tsv tests/data/*.csv.gz tests/data/csv-fast/* datasets/*.csv datasets/*.csv.gz; do
    same "$f"
done
GEN=$TMP/gen
python3 tests/bad-input/gen.py big "$GEN" > /dev/null || { echo "FAIL: gen.py big" >&2; fail=$((fail + 1)); }
for e in tests/bad-input/cases/*.expect; do
    name=$(basename "$e" .expect)
    f=tests/bad-input/cases/$name; [ -e "$f" ] || f=$GEN/$name
    case $name in *.jsonl|*.jsonl.gz) continue ;; esac # JSON Lines never meet libcsv
    [ -e "$f" ] || continue
    same "$f" $(sed -n 's/^args: //p' "$e" | head -1)
done
rm -rf "$GEN"

# The edge cases that need arguments.
d=tests/data/csv-fast
same $d/max-columns.csv --max-columns 5
same $d/max-columns.csv --max-columns 6
same $d/max-columns.csv --max-columns 5 --no-header
same $d/long-rows.csv --no-header
same $d/where-dedupe.csv --where 'likes>5' --dedupe account
same $d/where-dedupe.csv --where "platform=ig" --dedupe account
same $d/spaces.csv --where "niche~='FOOD AND DRINK'"
same $d/tab-spaces.tsv --delimiter ' '
same $d/semicolon-spaces.csv --delimiter ';' --decimal .
same tests/data/posts-small.csv --delimiter tab

# Lines across the loader's 1 MiB chunks: 3 MiB of long rows (a long bio, some of it
# quoted with line ends inside, some lines CRLF, some padded with blanks), read from
# the file, gzip'ed and through a pipe; then the same capped by --max-row-mb.
python3 - "$TMP/long.csv" <<'EOF'
import random, sys
rnd = random.Random(20240601)
out = [b"account,followers,likes,comments,bio\n"]
size = len(out[0])
i = 0
while size < 3 << 20:
    bio = b"x" * rnd.randrange(1, 9000)
    k = rnd.randrange(10)
    if k == 0:
        bio = b'"' + bio[:100] + b"\n" + bio[100:] + b'"'
    elif k == 1:
        bio = b"  " + bio + b"\t"
    end = b"\r\n" if k == 2 else b"\n"
    line = b"a%d,%d,%d,%d,%s%s" % (i % 977, 1000 + i, i % 50, i % 7, bio, end)
    if k == 3:
        line = b"   \n" + line
    out.append(line)
    size += len(line)
    i += 1
open(sys.argv[1], "wb").write(b"".join(out))
EOF
gzip -c "$TMP/long.csv" > "$TMP/long.csv.gz"
same "$TMP/long.csv"
same "$TMP/long.csv.gz"
same - "$TMP/long.csv"
same "$TMP/long.csv" --dedupe account
# Past the first 1,000 rows (the sample the types are decided on) the rows are stored
# by a thread of their own while this one reads (es_pipe in src/data/load.c; with
# ES_CSV_PARSER=libcsv the reading thread stores them): 20,000 posts with, after the
# sample, rejected rows of every kind, a repeated header, quoted fields with line ends
# and doubled quotes, a column that becomes text, a filter and a duplicate key; then
# the same with a NUL byte, an open quote at the end, no final line end, gzip, a pipe
# and --max-memory-mb.
python3 - "$TMP/pipe" <<'EOF'
import random, sys
rnd = random.Random(7)
base = sys.argv[1]
head = "account_id,platform,niche,followers,post_id,likes,comments,score\n"
niches = ["food", '"food, drink"', "tech", " travel "]
rows = ["a%d,%s,%s,%d,p%d,%d,%d,%s\n" % (i % 700, "ig" if i % 3 else "tt", rnd.choice(niches), 1000 + (i % 700) * 37,
        i, i % 97, i % 13, i * 0.5) for i in range(20000)]
rows[1500] = head
rows[2500] = rows[2500].replace(",1250.0", ",n/a?")
rows[4000] = "a1,ig,food,-5,px,1,1,1\n"
rows[4100] = "a1,ig,food,10,px,-1,1,1\n"
rows[4200] = "x,y\n"
rows[4300] = "\n"
rows[4400] = "a1,ig,food,,px,1,1,1\n"
rows[4500] = "a1,ig,food,12k,px,1e999,1,1\n"
rows[5000] = 'a1,ig,"multi\nline niche",100,pq,1,2,3\n'
rows[5001] = 'a1,ig,"x ""q"" y",100,pq2,1,2,3\n'
rows[9000] = rows[9000].replace("p9000", "p8999")
def write(name, text):
    open(base + "-" + name, "wb").write(text.encode())
write("ok.csv", head + "".join(rows))
write("nofinal.csv", head + "".join(rows).rstrip("\n"))
write("open.csv", head + "".join(rows) + 'a1,ig,"open,1,2,3,4,5\n')
nul = rows[:]
nul[12000] = nul[12000].replace("p12000", "p12\0" + "000")
write("nul.csv", head + "".join(nul))
EOF
gzip -c "$TMP/pipe-ok.csv" > "$TMP/pipe-ok.csv.gz"
same "$TMP/pipe-ok.csv"
same "$TMP/pipe-ok.csv" --where 'likes>5' --dedupe post_id
same "$TMP/pipe-ok.csv" --max-memory-mb 1
same - "$TMP/pipe-ok.csv"
same "$TMP/pipe-ok.csv.gz"
same "$TMP/pipe-nofinal.csv"
same "$TMP/pipe-open.csv"
same "$TMP/pipe-nul.csv"
echo "csv-parser: $pass passed, $fail failed"
[ "$fail" = 0 ]
