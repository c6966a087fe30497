# Labels holding bytes that are not UTF-8 (Latin-1 'caf\xe9', a stray \xff) and
# control characters (ESC, BEL): JSON, Markdown, HTML and LaTeX (describe's formats and
# the report's files; tables/*.csv keep the data's bytes) stay valid UTF-8 with
# no control character (U+FFFD, \ufffd or '?' stand for a bad byte), and the JSON
# parses; the text table shows '?' for a control character.
args: --version
check: printf 'account,followers,likes,comments,niche\na,1000,5,1,caf\351\nb,2000,7,1,ok\033[31m\nc,3000,9,2,\377x\007\n' > "$TMP/bad.csv"
check: for f in json md latex; do $ES_PROGRAM describe "$TMP/bad.csv" --by niche --format $f > "$TMP/out.$f" || exit 1; python3 -c 'import sys; b = open(sys.argv[1], "rb").read(); b.decode("utf-8"); sys.exit(any(c < 32 and c not in (9, 10, 13) or c == 127 for c in b))' "$TMP/out.$f" || { echo "bad bytes in $f" >&2; exit 1; }; done
check: python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$TMP/out.json" && grep -q 'caf\\ufffd' "$TMP/out.json"
check: $ES_PROGRAM describe "$TMP/bad.csv" --by niche | grep -q 'ok?\[31m'
check: $ES_PROGRAM report "$TMP/bad.csv" -o "$TMP/r" --no-figures > /dev/null && for f in report.html report.md report.tex results.json; do python3 -c 'import sys; b = open(sys.argv[1], "rb").read(); b.decode("utf-8"); sys.exit(any(c < 32 and c not in (9, 10, 13) or c == 127 for c in b))' "$TMP/r/$f" || { echo "bad bytes in $f" >&2; exit 1; }; done
