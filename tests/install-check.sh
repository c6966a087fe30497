#!/bin/sh
# Install into a scratch prefix, then build and run a program against the installed
# library with pkg-config, as a user of libengagestat would.
set -eu
BUILD=${1:-build}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
make --no-print-directory -s BUILD="$BUILD" install PREFIX="$prefix" >/dev/null
test -x "$prefix/bin/engagestat"
test -f "$prefix/share/man/man1/engagestat.1"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
cat > "$prefix/use.c" <<'C'
#include <engagestat/engagestat.h>
#include <stdio.h>
int main(void)
{
    es_bands b;
    if (es_bands_parse(&b, "hypeauditor", NULL, NULL) != ES_OK)
        return 1;
    printf("%s %d\n", b.names[es_bands_classify(&b, 25000)], es_bands_classify(&b, 25000));
    es_bands_free(&b);
    return 0;
}
C
cc "$prefix/use.c" -o "$prefix/use-static" $(pkg-config --cflags engagestat) "$prefix/lib/libengagestat.a" \
    $(pkg-config --libs --static engagestat | sed 's/-lengagestat//')
cc "$prefix/use.c" -o "$prefix/use-shared" $(pkg-config --cflags --libs engagestat)
out1=$("$prefix/use-static"); out2=$(LD_LIBRARY_PATH="$prefix/lib" "$prefix/use-shared")
if [ "$out1" != "micro 1" ] || [ "$out2" != "micro 1" ]; then
    echo "install: got '$out1' and '$out2', want 'micro 1'" >&2; echo "install: 0 passed, 1 failed"; exit 1
fi
# The README's library example: a study, two analyses on one load.  Expected: R 4.2.2,
# tests/data/describe-r.csv (micro median) and tests/cli/compare-r-golden.t (wilcox.test
# exact p, tests/reference/compare_cli.R).
cc docs/examples/study.c -o "$prefix/study" $(pkg-config --cflags --libs engagestat) -lm
got=$(LD_LIBRARY_PATH="$prefix/lib" "$prefix/study" tests/data/accounts-r.csv)
want="micro median 0.0323250206038
micro vs mega Mann-Whitney p 0.00200363"
if [ "$got" != "$want" ]; then
    printf 'install: docs/examples/study.c printed\n%s\nwant\n%s\n' "$got" "$want" >&2
    echo "install: 1 passed, 1 failed"; exit 1
fi
# The installed program finds its bundled data (share/engagestat/datasets) from any
# directory: reproduce needs the dataset and datasets/published_benchmarks.csv.
if ! (cd "$prefix" && "$prefix/bin/engagestat" reproduce -o "$prefix/rep" --no-figures --only bands,published \
        --boot 200 --perm 99 > "$prefix/rep.out" 2>&1) || ! grep -q 'share/engagestat/datasets/published_benchmarks.csv' "$prefix/rep/results.json"; then
    echo "install: the installed reproduce failed:" >&2; cat "$prefix/rep.out" >&2
    echo "install: 2 passed, 1 failed"; exit 1
fi
echo "install: 3 passed, 0 failed"
