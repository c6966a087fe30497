#!/bin/sh
# make check-notebooks: the notebooks in notebooks/ are stored stripped; each is
# executed top to bottom (01, 02, 04, 05 from notebooks/, 03 from the repository root,
# so both ways of finding the program are exercised), checked for cells that raised,
# and converted to HTML; micro-vs-mega.Rmd is rendered with rmarkdown.  Everything
# goes to BUILD/notebooks/ (the commands' scratch output to BUILD/notebooks/work/).
# Usage: tests/notebooks-check.sh [BUILD]
set -eu
BUILD=${1:-build}
OUT=$PWD/$BUILD/notebooks
t0=$(date +%s)
python3 tests/notebooks_check.py stripped notebooks/*.ipynb
mkdir -p "$OUT"
run() {  # run DIR NOTEBOOK: execute NOTEBOOK with the kernel started in DIR
    s=$(date +%s)
    (cd "$1" && jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
        --log-level=WARN --output-dir "$OUT" "$2") || { echo "check-notebooks: $2 failed (run from $1)" >&2; exit 1; }
    python3 tests/notebooks_check.py executed "$OUT/$(basename "$2")"
    jupyter nbconvert --to html --log-level=WARN --output-dir "$OUT" "$OUT/$(basename "$2")"
    echo "check-notebooks: $(basename "$2") ($(( $(date +%s) - s )) s, from $1)"
}
export PYDEVD_DISABLE_FILE_VALIDATION=1
run notebooks 01-quickstart.ipynb
run notebooks 02-instagram-replication.ipynb
run . notebooks/03-definitions-matter.ipynb
run notebooks 04-platforms.ipynb
run notebooks 05-power.ipynb
s=$(date +%s)
Rscript -e "rmarkdown::render('notebooks/micro-vs-mega.Rmd', output_dir = '$OUT', intermediates_dir = tempdir(), quiet = TRUE)" \
    || { echo "check-notebooks: micro-vs-mega.Rmd failed to render" >&2; exit 1; }
echo "check-notebooks: micro-vs-mega.Rmd ($(( $(date +%s) - s )) s)"
echo "check-notebooks: all passed in $(( $(date +%s) - t0 )) s; HTML in $BUILD/notebooks/"
