#!/bin/sh
# Generate the manual page from --help plus docs/engagestat.x and lint it: the
# page cannot drift from the program.  Usage: tests/man-check.sh PROGRAM INCLUDE
set -eu
prog=$1; inc=$2
out=$(mktemp); warn=$(mktemp); cmds=$(mktemp)
trap 'rm -f "$out" "$warn" "$cmds"' EXIT
# The COMMANDS section comes from the option tables, as in the Makefile's man rule.
"$prog" --man-commands > "$cmds"
help2man --no-info --name="statistics of social-media engagement by follower band" \
    --include="$inc" --include="$cmds" --version-string=0.3.1 "$prog" > "$out"
# groff warnings (bad requests, unknown escapes, line-length problems) fail the check.
LC_ALL=C groff -ww -man -z -Tutf8 "$out" 2> "$warn" || true
if [ -s "$warn" ]; then echo "man: groff warnings:" >&2; cat "$warn" >&2; echo "man: 0 passed, 1 failed"; exit 1; fi
# Every command in the help appears in the page.
for c in inspect describe compare regress fit plot simulate power bands export report reproduce; do
    grep -q "$c" "$out" || { echo "man: command $c missing from the page" >&2; echo "man: 0 passed, 1 failed"; exit 1; }
done
# Every option name of every command's table (and of the shared groups) is in the page.
for o in $("$prog" --list-options | sort -u); do
    n=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
    grep -q -e "$n" "$out" || { echo "man: option $o missing from the page" >&2; echo "man: 0 passed, 1 failed"; exit 1; }
done
grep -q '^\.SH "EXAMPLES"\|^\.SH EXAMPLES\|Examples' "$out" || { echo "man: no examples" >&2; exit 1; }
echo "man: 1 passed, 0 failed"
