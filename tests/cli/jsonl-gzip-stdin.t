# JSON Lines on standard input, gzip-compressed, detected from the bytes; a nested key
# named in --map; the line that is not an object in the rejection ledger.
args: inspect - --map likes=edge_liked_by.count
stdin: tests/data/nested.jsonl.gz
stdout-contains: rows      5 read, 3 kept, 2 rejected, 0 filtered, 0 duplicate
stdout-contains:   rejected: not a JSON object: 1
stdout-contains: settings  delimiter=none (JSON Lines), decimal=., gzip=1
check: grep -Eq '^ +3 +edge_liked_by\.count +numeric +likes ' "$TMP/got.out"
check: grep -Eq '^ +9 +owner\.meta\.city +categorical ' "$TMP/got.out"
