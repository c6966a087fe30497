#!/bin/sh
# Install the Debian packages engagestat needs, only those missing.
# Usage: scripts/install-deps.sh [EXTRA-PACKAGE ...]
#   build and test: gcc make libgsl-dev libcsv-dev zlib1g-dev nettle-dev libyajl-dev
#                   libcunit1-dev gnuplot-nox help2man groff-base valgrind pkg-config
#   figures:        fonts-liberation2 (Liberation Sans, the figures' font: the
#                   metrics of Helvetica and Arial, so labels fit as laid out);
#                   fonts-noto-cjk and fonts-noto-color-emoji, which fontconfig falls
#                   back to for niche names in Chinese, Japanese, Korean and emoji
#                   (without a font for a character cairo draws a box the size of the
#                   figure; engagestat then draws '?' and says so)
#   tests only:     python3 (JSON and SVG checks in the CLI and plot tests), time
#                   (/usr/bin/time: peak memory of the hostile-input corpus)
#   report checks:  chromium (make check-report renders report.html headless to a
#                   screenshot and checks it is not blank), texlive-latex-base,
#                   texlive-latex-recommended, texlive-fonts-recommended (pdflatex
#                   compiles report.tex: booktabs, longtable, float, Times, Helvetica
#                   and Courier as Type 1 fonts); tests/report_check.py
set -eu
PACKAGES="gcc make libgsl-dev libcsv-dev zlib1g-dev nettle-dev libyajl-dev libcunit1-dev gnuplot-nox fonts-liberation2 fonts-noto-cjk fonts-noto-color-emoji help2man groff-base pkg-config valgrind python3 time chromium texlive-latex-base texlive-latex-recommended texlive-fonts-recommended $*"
missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "install-deps: need root or sudo to install:$missing" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
