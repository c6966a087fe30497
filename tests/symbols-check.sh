#!/bin/sh
# Only public declarations are exported: every es_/ES_ symbol that the shared library
# defines in its dynamic symbol table must be declared in some include/engagestat/*.h
# (comments do not count).  Internal functions are static, or hidden through
# ES_INTERNAL (src/fit/*_impl.h, src/plot/plot_internal.h).  Usage: tests/symbols-check.sh BUILD_DIR
set -eu
LC_ALL=C; export LC_ALL
BUILD=${1:-build}
lib=$BUILD/libengagestat.so.0
test -f "$lib" || { echo "symbols: $lib not found" >&2; echo "symbols: 0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Identifiers of the public headers, comments removed.
awk '{
    out = ""; s = $0
    while (s != "") {
        if (incom) {
            i = index(s, "*/"); if (i == 0) { s = ""; break }
            s = substr(s, i + 2); incom = 0
        } else {
            i = index(s, "/*"); j = index(s, "//")
            if (j > 0 && (i == 0 || j < i)) { out = out substr(s, 1, j - 1); s = ""; break }
            if (i == 0) { out = out s; s = ""; break }
            out = out substr(s, 1, i - 1) " "; s = substr(s, i + 2); incom = 1
        }
    }
    print out
}' include/engagestat/*.h | tr -c 'A-Za-z0-9_' '\n' | grep -E '^(es_|ES_)' | sort -u > "$tmp/declared"
nm -D --defined-only "$lib" | awk '{print $NF}' | grep -E '^(es_|ES_)' | sort -u > "$tmp/exported"
comm -23 "$tmp/exported" "$tmp/declared" > "$tmp/undeclared"
n=$(wc -l < "$tmp/exported" | tr -d ' ')
bad=$(wc -l < "$tmp/undeclared" | tr -d ' ')
if [ "$bad" != 0 ]; then
    echo "symbols: $bad of $n exported es_/ES_ symbols are declared in no include/engagestat/*.h:" >&2
    sed 's/^/  /' "$tmp/undeclared" >&2
    echo "symbols: 0 passed, 1 failed"
    exit 1
fi
echo "symbols: 1 passed, 0 failed ($n exported symbols, all declared)"
