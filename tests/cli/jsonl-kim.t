# A JSON Lines copy of the Kim et al. (2020) posts, made here with python3
# (scripts/csv2jsonl.py), gives the CSV's describe output but for the path and SHA-256.
valgrind: skip
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: describe ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where owner_matches_file=1 --where is_duplicate_post=0 --boot 0
check: python3 scripts/csv2jsonl.py ../shared/datasets-external/kim2020-instagram-sample/posts.csv > "$TMP/posts.jsonl"
check: $ES_PROGRAM describe "$TMP/posts.jsonl" --where owner_matches_file=1 --where is_duplicate_post=0 --boot 0 > "$TMP/jsonl.out"
check: grep -v '^sha256' "$TMP/got.out" | sed 's|\.\./shared/datasets-external/kim2020-instagram-sample/posts\.csv|POSTS|g' > "$TMP/a" && grep -v '^sha256' "$TMP/jsonl.out" | sed "s|$TMP/posts\.jsonl|POSTS|g" > "$TMP/b" && cmp "$TMP/a" "$TMP/b" && test -s "$TMP/a"
