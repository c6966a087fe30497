#!/bin/sh
# make check-report: write two reports and check them with tests/report_check.py
# (report.html rendered by headless Chromium and checked not blank, its structure
# parsed; report.tex compiled twice by pdflatex): the bundled dataset, and
# tests/data/report-hostile.csv, whose niche names are markup, TeX commands, shell
# commands and paths (tests/data/report-hostile.py), plus CJK and emoji; its
# figure scripts are also run again by gnuplot, from a copy.  The
# reports stay in $BUILD/check-report/ (remade on every run) with the screenshots
# (report-screenshot.png) and PDFs (report-check.pdf), for a look.  Not run under
# valgrind or the sanitizers (the report CLI cases are; the browser and TeX need not).
# Usage: sh tests/report-suite.sh PROGRAM BUILD
set -u
prog=$1
out=${2:-build}/check-report
rm -rf "$out"
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1700000000
fail=0
for t in /tmp/es-report-pwned1 /tmp/es-report-pwned2 /tmp/es-report-pwned3; do
    rm -f "$t"
done

echo "report: the bundled dataset"
if "$prog" report datasets/engagestat-sim.csv.gz -o "$out/sim" --boot 50 --perm 99 > "$out/sim.out" 2>&1; then
    python3 tests/report_check.py --keep-pdf "$out/sim" || fail=1
else
    cat "$out/sim.out" >&2; echo "FAIL report: engagestat report on the bundled dataset" >&2; fail=1
fi

echo "report: hostile labels"
# The run happens in a directory of its own, so that a file made from a label
# (../../es-report-x) would show up beside it.
mkdir -p "$out/hostile-run/a/b"
if (cd "$out/hostile-run/a/b" && "$prog" report "$OLDPWD/tests/data/report-hostile.csv" -o rep --min-n 5 \
        --boot 50 --perm 99) > "$out/hostile.out" 2>&1; then
    python3 tests/report_check.py --keep-pdf "$out/hostile-run/a/b/rep" \
        --expect-text '<script>alert(1)</script>' --expect-text '\input{/etc/passwd}' \
        --expect-text '\write18{touch /tmp/es-report-pwned1}' --expect-text '$(touch /tmp/es-report-pwned2)' \
        --expect-text '"; system("touch /tmp/es-report-pwned3") #' --expect-text '../../es-report-x' \
        --expect-text '美食' --expect-text 'travel 🌍' || fail=1
    # the editable figure scripts, run again as a user would (gnuplot figN.gp), from a copy
    if command -v gnuplot > /dev/null 2>&1; then
        cp -r "$out/hostile-run/a/b/rep/figures" "$out/hostile-run/a/b/rep-rerun"
        for g in "$out"/hostile-run/a/b/rep-rerun/fig[0-9].gp; do
            (cd "$out/hostile-run/a/b" && gnuplot "rep-rerun/${g##*/}") > "$g.out" 2>&1 ||
                { cat "$g.out" >&2; echo "FAIL report: gnuplot ${g##*/} (hostile labels) failed" >&2; fail=1; }
        done
    fi
    for t in /tmp/es-report-pwned1 /tmp/es-report-pwned2 /tmp/es-report-pwned3; do
        [ ! -e "$t" ] || { echo "FAIL report: $t was created" >&2; fail=1; }
    done
    found=$(find "$out/hostile-run" -name '*es-report-x*' | head -3)
    [ -z "$found" ] || { echo "FAIL report: a file named from a label: $found" >&2; fail=1; }
    extra=$(find "$out/hostile-run" -mindepth 1 -not -path "$out/hostile-run/a" -not -path "$out/hostile-run/a/b" \
        -not -path "$out/hostile-run/a/b/rep" -not -path "$out/hostile-run/a/b/rep/*" \
        -not -path "$out/hostile-run/a/b/rep-rerun" -not -path "$out/hostile-run/a/b/rep-rerun/*" | head -3)
    [ -z "$extra" ] || { echo "FAIL report: files outside the report's directory: $extra" >&2; fail=1; }
else
    cat "$out/hostile.out" >&2; echo "FAIL report: engagestat report on tests/data/report-hostile.csv" >&2; fail=1
fi
[ $fail = 0 ] && echo "report: passed (screenshots and PDFs in $out)"
[ $fail = 0 ]
