#!/usr/bin/env python3
"""csv2jsonl.py IN.csv > OUT.jsonl — one JSON object per CSV row, as a scraper writes
them: cells that are JSON numbers as written become numbers (their text kept exactly),
empty cells become null, every other cell a string.  The tests use it to check that a
JSON Lines copy of a CSV loads into the same table (tests/cli/jsonl-*.t)."""
import csv
import json
import re
import sys

NUMBER = re.compile(r'-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?')


def value(cell):
    if cell == "":
        return "null"
    if NUMBER.fullmatch(cell):
        return cell
    return json.dumps(cell, ensure_ascii=False)


def main():
    src = open(sys.argv[1], newline="", encoding="utf-8") if len(sys.argv) > 1 else sys.stdin
    out = sys.stdout
    for row in csv.DictReader(src):
        out.write("{" + ", ".join(json.dumps(k, ensure_ascii=False) + ": " + value(v)
                                  for k, v in row.items()) + "}\n")


if __name__ == "__main__":
    main()
