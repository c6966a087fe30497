# A quote still open at the end of the file: file, line and column; no output file.
args: inspect tests/data/unterminated.csv -o $TMP/out.txt
exit: 1
check: test ! -e "$TMP/out.txt"
check: test -z "$(ls "$TMP" | grep out.txt)"
--- stderr
engagestat: tests/data/unterminated.csv:2:3: unterminated quoted field at end of file
