# Issue 14: the bundled dataset tells the truth about the sample it was calibrated on.
# Its Instagram accounts (the platform Kim et al. is; tiktok is the synthetic second
# platform, 1.8 times Instagram) have band medians of the account ER and a micro/mega
# ratio of medians inside Kim's 95% BCa intervals, tests/reference/kim2020-intervals.csv
# (the command that made them is in its header).  The medians come from describe; the
# ratio is also recomputed by tests/reference/micro_mega.py (Python's statistics module).
valgrind: skip
args: describe datasets/engagestat-sim.csv.gz --where platform=instagram --boot 0 --format csv --table describe --digits 6
check: awk -F, 'NR==FNR { if ($0 !~ /^#/ && $1 != "what") { lo[$1] = $3; hi[$1] = $4 }; next } FNR > 1 && ($1 in lo) { n++; m[$1] = $7; if (!($7 >= lo[$1] && $7 <= hi[$1])) { print "band " $1 ": median " $7 " outside [" lo[$1] ", " hi[$1] "]"; bad = 1 } } END { r = m["micro"] / m["mega"]; if (!(r >= lo["micro/mega"] && r <= hi["micro/mega"])) { print "micro/mega " r " outside [" lo["micro/mega"] ", " hi["micro/mega"] "]"; bad = 1 }; if (n != 5) { print n " bands"; bad = 1 }; exit bad }' tests/reference/kim2020-intervals.csv $TMP/got.out
check: gzip -dc datasets/engagestat-sim.csv.gz > $TMP/sim.csv && python3 tests/reference/micro_mega.py $TMP/sim.csv account_id followers followers likes comments --where=platform=instagram | awk '{ if (!($3 >= 1.153 && $3 <= 1.397)) { print "micro/mega " $3; exit 1 } }'
