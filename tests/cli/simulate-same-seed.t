# Same seed, same bytes; another seed, other bytes; the truth lands beside the data.
valgrind: skip
args: simulate --accounts 300 --seed 5 -o $TMP/a.csv
check: $ES_PROGRAM simulate --accounts 300 --seed 5 -o $TMP/b.csv && cmp $TMP/a.csv $TMP/b.csv && cmp $TMP/a.csv.truth $TMP/b.csv.truth
check: $ES_PROGRAM simulate --accounts 300 --seed 6 -o $TMP/c.csv && ! cmp -s $TMP/a.csv $TMP/c.csv
check: head -1 $TMP/a.csv | grep -qx 'account_id,platform,niche,followers,post_id,posted_at,likes,comments,sponsored'
check: grep -q '^truth.band.mega.median_er = ' $TMP/a.csv.truth && grep -q '^sample.accounts = 300$' $TMP/a.csv.truth
--- stdout
