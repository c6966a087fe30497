# A gzip bomb: 80 KB of .gz holding one 80 MB quoted field.  The load stops at the
# row cap (64 MiB by default) with FILE:LINE and exit 1, in bounded memory, instead
# of reading the field to its end; --max-row-mb raises the cap.
valgrind: skip
args: --version
check: python3 -c 'import gzip, sys; f = gzip.open(sys.argv[1], "wb"); f.write(b"account,followers,likes,comments\na,1000,5,1\nb,2000,7,\""); [f.write(b"x" * (1 << 20)) for i in range(80)]; f.write(b"\"\n"); f.close()' "$TMP/bomb.csv.gz"
check: ! $ES_PROGRAM inspect "$TMP/bomb.csv.gz" 2> "$TMP/err" > /dev/null && grep -qF "$TMP/bomb.csv.gz:3: a row longer than 64 MiB (a field or line without its end?); --max-row-mb raises the cap" "$TMP/err"
check: $ES_PROGRAM inspect "$TMP/bomb.csv.gz" --max-row-mb 100 | grep -q '^rows      2 read, 1 kept, 1 rejected'
check: ! $ES_PROGRAM inspect tests/data/tiny.csv --max-row-mb 0 2> /dev/null
