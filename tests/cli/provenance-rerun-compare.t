# compare's own options (--groups, --perm, --adjust) are in the command line too: the
# JSON reproduces the run.
args: compare tests/data/accounts-r.csv --groups nano,mega --perm 199 --adjust BH --boot 100 --seed 3 --where "followers>1500" --format json
exit: 0
stdout-contains: "command_line": "engagestat compare --groups nano,mega --perm 199 --adjust BH --boot 100 --seed 3 --where 'followers>1500' --format json tests/data/accounts-r.csv"
check: cmd=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["settings"]["command_line"])' $TMP/got.out) && sh -c "$ES_PROGRAM ${cmd#engagestat }" > $TMP/again.json && cmp $TMP/got.out $TMP/again.json
