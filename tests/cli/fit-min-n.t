# --min-n (default 10): macro has 7 accounts in accounts-r.csv (describe-r.csv), so
# its rows carry no numbers, the note says why, and no best_fit_macro is named; with
# --min-n 7 it is fitted and ranked again.  min_n is recorded in the settings.
args: fit tests/data/accounts-r.csv --no-powerlaw --format json -o $TMP/a.json
check: python3 -c 'import json; d=json.load(open("'$TMP'/a.json")); c=d["tables"]["fits"]["columns"]; r=[dict(zip(c,x)) for x in d["tables"]["fits"]["rows"] if x[0]=="macro"]; assert len(r)==5 and all(x["n"]==7 and x["aic"] is None and x["rank"] is None and x["note"]=="n = 7 < min_n 10: no fit" for x in r); assert "best_fit_macro" not in d["values"] and d["values"]["best_fit_micro"]=="lognormal" and d["settings"]["min_n"]==10'
check: $ES_PROGRAM fit tests/data/accounts-r.csv --no-powerlaw --min-n 7 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["values"]["best_fit_macro"]=="lognormal" and d["settings"]["min_n"]==7'
check: $ES_PROGRAM fit tests/data/accounts-r.csv --min-n 1 2>&1 | grep -q "min-n"
