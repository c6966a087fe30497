#!/bin/sh
# The hostile-input corpus (tests/bad-input/README.md): every case in
# tests/bad-input/cases/*.expect, its file committed beside it or made at test
# time by gen.py big (the 50 MB field, 100,000 columns, the gzip bombs), is run
# through inspect, describe, compare, fit and export, each with -o into a scratch
# directory and a timeout.  Per command it checks the exit status (the .expect's,
# and never a signal, a timeout or a sanitizer report), that a failed command
# leaves no file behind, and for inspect the message, the rows line, the
# rejections by reason, the peak RSS (rss:, with /usr/bin/time; not under the
# sanitizers) and that its JSON output parses; an export that succeeds is read
# back with the same rows.  Then the option cases (tests/bad-input/options.txt).
# The program is $ES_PROGRAM (default build/engagestat); ES_BAD_CASES limits the
# run to some cases (names of .expect files without the extension).
set -u
PROGRAM=${ES_PROGRAM:-build/engagestat}
export LC_ALL=C
DIR=$(dirname "$0")
SANITIZED=${ES_BAD_SANITIZED:-0}
TIMEOUT=${ES_BAD_TIMEOUT:-20}
[ "$SANITIZED" = 1 ] && TIMEOUT=$((TIMEOUT * 6))
# A sanitizer report must not look like a data error (exit 1).
ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}exitcode=99; export ASAN_OPTIONS
UBSAN_OPTIONS=${UBSAN_OPTIONS:-}${UBSAN_OPTIONS:+:}exitcode=99:print_stacktrace=1; export UBSAN_OPTIONS
TMPROOT=$(mktemp -d)
trap 'rm -rf "$TMPROOT"' EXIT
pass=0; fail=0; t0=$(date +%s)
GEN=$TMPROOT/gen
[ "$SANITIZED" = 1 ] || [ -x /usr/bin/time ] || echo "SKIP peak-memory checks: /usr/bin/time is absent (Debian package time; scripts/install-deps.sh installs it)"
python3 "$DIR/gen.py" big "$GEN" || { echo "FAIL: gen.py big"; exit 1; }

# key VALUE from the expectation file (the first; keys() for all of them)
key() { sed -n "s/^$1: //p" "$2" | head -1; }
keys() { sed -n "s/^$1: //p" "$2"; }
bad() { fail=$((fail + 1)); echo "FAIL $name: $*"; ok=0; }

# run NAME CMD WANT ARGS...: one command with -o into a fresh directory.
run() {
    rcmd=$1; rwant=$2; shift 2
    out=$TMPROOT/out; rm -rf "$out"; mkdir -p "$out"
    case $rcmd in export) target=$out/export.csv ;; *) target=$out/$rcmd.txt ;; esac
    extra=""
    case $rcmd in describe|compare|fit) extra="--boot 20 --threads 1" ;; esac
    if [ "$rcmd" = inspect ] && [ "$SANITIZED" != 1 ] && [ -x /usr/bin/time ]; then
        timeout -k 2 "$TIMEOUT" /usr/bin/time -f %M -o "$TMPROOT/rss" $PROGRAM $rcmd "$file" $args $extra \
            -o "$target" > /dev/null 2> "$TMPROOT/$rcmd.err"
    else
        echo 0 > "$TMPROOT/rss"
        timeout -k 2 "$TIMEOUT" $PROGRAM $rcmd "$file" $args $extra -o "$target" > /dev/null 2> "$TMPROOT/$rcmd.err"
    fi
    got=$?
    # /usr/bin/time reports a killed child as its own exit status and a line.
    grep -q "Command terminated by signal" "$TMPROOT/rss" && got=139
    [ "$got" = 124 ] || [ "$got" = 137 ] && { bad "$rcmd: timed out after $TIMEOUT s"; return; }
    [ "$got" -ge 128 ] && { bad "$rcmd: killed by a signal (exit $got)"; return; }
    grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error:" "$TMPROOT/$rcmd.err" &&
        { bad "$rcmd: sanitizer report"; head -5 "$TMPROOT/$rcmd.err"; return; }
    [ "$got" = "$rwant" ] || { bad "$rcmd: exit $got, want $rwant: $(head -c 300 "$TMPROOT/$rcmd.err")"; return; }
    if [ "$got" != 0 ] && [ -n "$(ls -A "$out")" ]; then bad "$rcmd failed but left $(ls -A "$out")"; fi
    # A failure says why, in one engagestat: line.
    if [ "$got" != 0 ] && ! grep -q "^engagestat: " "$TMPROOT/$rcmd.err"; then bad "$rcmd failed without a message"; fi
}

cases=${ES_BAD_CASES:-$(cd "$DIR/cases" && ls *.expect | sed 's/\.expect$//')}
: > "$TMPROOT/json.list"
for name in $cases; do
    e=$DIR/cases/$name.expect
    file=$DIR/cases/$name; [ -e "$file" ] || file=$GEN/$name
    [ -e "$file" ] || { bad "no file (neither committed nor made by gen.py)"; continue; }
    ok=1
    args=$(key args "$e")
    want=$(key exit "$e"); [ -n "$want" ] || want=0
    run inspect "$want"
    if [ $ok = 1 ]; then
        for m in $(keys message "$e" | sed 's/ /\a/g'); do
            m=$(printf '%s' "$m" | tr '\a' ' ')
            grep -qF -- "$m" "$TMPROOT/inspect.err" || bad "inspect: stderr lacks '$m': $(head -c 300 "$TMPROOT/inspect.err")"
        done
        rss=$(key rss "$e"); got_rss=$(tail -1 "$TMPROOT/rss")
        if [ -n "$rss" ] && [ "$got_rss" -gt "$rss" ] 2>/dev/null; then bad "inspect: peak RSS $got_rss KB over $rss KB"; fi
        [ -n "$rss" ] && [ "$SANITIZED" != 1 ] && echo "  $name: inspect peak RSS $got_rss KB (cap $rss)"
    fi
    if [ $ok = 1 ] && [ "$want" = 0 ]; then
        report=$TMPROOT/out/inspect.txt
        rows=$(key rows "$e")
        [ -z "$rows" ] || grep -q "^rows      $rows," "$report" ||
            bad "inspect: want rows '$rows', got '$(grep '^rows ' "$report")'"
        keys reject "$e" > "$TMPROOT/want.rej"
        sed -n 's/^  rejected: //p' "$report" | sort > "$TMPROOT/got.rej"
        sort "$TMPROOT/want.rej" | cmp -s - "$TMPROOT/got.rej" ||
            bad "inspect: rejections differ: want [$(tr '\n' ';' < "$TMPROOT/want.rej")] got [$(tr '\n' ';' < "$TMPROOT/got.rej")]"
        for m in $(keys stdout "$e" | sed 's/ /\a/g'); do
            m=$(printf '%s' "$m" | tr '\a' ' ')
            grep -qF -- "$m" "$report" || bad "inspect: output lacks '$m'"
        done
        kept=$(sed -n 's/^rows      [0-9]* read, \([0-9]*\) kept.*/\1/p' "$report")
        timeout "$TIMEOUT" $PROGRAM inspect "$file" $args -f json -o "$TMPROOT/json/$name.json" 2> /dev/null ||
            { mkdir -p "$TMPROOT/json"; timeout "$TIMEOUT" $PROGRAM inspect "$file" $args -f json -o "$TMPROOT/json/$name.json" 2> /dev/null; } ||
            bad "inspect --format json failed"
        echo "$TMPROOT/json/$name.json" >> "$TMPROOT/json.list"
    fi
    for c in describe compare fit export; do
        [ $ok = 1 ] || break
        w=$(key $c "$e"); [ -n "$w" ] || w=$want
        run $c "$w"
        # What export writes reads back with every kept row.
        if [ $ok = 1 ] && [ $c = export ] && [ "$w" = 0 ] && [ "$want" = 0 ] && [ -n "$kept" ]; then
            back=$($PROGRAM inspect "$TMPROOT/out/export.csv" 2> /dev/null | sed -n 's/^rows      [0-9]* read, \([0-9]*\) kept.*/\1/p')
            [ "$back" = "$kept" ] || bad "export: read back $back rows, want $kept"
        fi
    done
    [ $ok = 1 ] && pass=$((pass + 1))
done
# Every JSON output parses (one python for all of them).
if [ -s "$TMPROOT/json.list" ]; then
    python3 -c 'import json, sys
bad = 0
for p in open(sys.argv[1]).read().split():
    try:
        json.load(open(p, encoding="utf-8"))
    except Exception as e:
        print("FAIL %s: inspect --format json is not valid JSON: %s" % (p.split("/")[-1], e)); bad += 1
sys.exit(1 if bad else 0)' "$TMPROOT/json.list" || fail=$((fail + 1))
fi
files_pass=$pass; pass=0
# The option cases: each in a fresh $TMP with its links and files (options.txt).
D=tests/data/tiny.csv
n_opt=0
while IFS= read -r line; do
    case $line in '#'*|'') continue ;; esac
    n_opt=$((n_opt + 1))
    owant=$(printf '%s' "$line" | cut -d'|' -f1 | tr -d ' ')
    omsg=$(printf '%s' "$line" | cut -d'|' -f2 | sed 's/^ //; s/ $//')
    oargs=$(printf '%s' "$line" | cut -d'|' -f3 | sed 's/^ //; s/ $//')
    ocheck=$(printf '%s' "$line" | cut -d'|' -f4- | sed 's/^ //')
    name="options:$n_opt ($oargs)"; ok=1
    TMP=$TMPROOT/opt; rm -rf "$TMP"; mkdir -p "$TMP/dir"
    echo old > "$TMP/real.txt"
    ln -s dir "$TMP/dirlink"; ln -s "$TMP/nowhere/x.txt" "$TMP/dangling"; ln -s new.txt "$TMP/dangling2"
    ln -s loop "$TMP/loop"
    before=$(ls -A "$TMP")
    eval "set -- $oargs"
    timeout -k 2 "$TIMEOUT" $PROGRAM "$@" > "$TMPROOT/opt.out" 2> "$TMPROOT/opt.err" < /dev/null
    got=$?
    if [ "$got" = 124 ] || [ "$got" = 137 ]; then bad "timed out after $TIMEOUT s"
    elif [ "$got" -ge 128 ]; then bad "killed by a signal (exit $got)"
    elif grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error:" "$TMPROOT/opt.err"; then bad "sanitizer report"
    elif [ "$got" != "$owant" ]; then bad "exit $got, want $owant: $(head -c 300 "$TMPROOT/opt.err")"
    elif [ -n "$omsg" ] && ! grep -qF -- "$omsg" "$TMPROOT/opt.err"; then bad "stderr lacks '$omsg': $(head -c 300 "$TMPROOT/opt.err")"
    elif [ "$got" != 0 ] && ! grep -q "^engagestat: " "$TMPROOT/opt.err"; then bad "failed without a message"
    elif [ "$got" != 0 ] && { [ "$(ls -A "$TMP")" != "$before" ] || [ "$(cat "$TMP/real.txt")" != old ] ||
                              [ -n "$(ls -A "$TMP/dir")" ]; }; then bad "failed but changed $TMP: $(ls -A "$TMP" | tr '\n' ' ')"
    elif [ -n "$ocheck" ] && ! (eval "$ocheck"); then bad "check failed: $ocheck"
    fi
    [ $ok = 1 ] && pass=$((pass + 1))
done < "$DIR/options.txt"
echo "bad-input: $files_pass files passed, $pass option cases passed, $fail failed ($(( $(date +%s) - t0 )) s)"
[ "$fail" = 0 ]
