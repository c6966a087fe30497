# Issue 16: classical standard errors compute no hat values, so max_leverage and
# n_leverage_one are missing (null), not 0 (they printed 0 though never computed).
# HC3 (the default) computes them: accounts-r.csv's largest hat value is > 0.
args: regress tests/data/accounts-r.csv --vcov classical --format json
exit: 0
stdout-contains: "max_leverage": null
stdout-contains: "n_leverage_one": null
check: $ES_PROGRAM regress tests/data/accounts-r.csv --vcov classical --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert dict(d["tables"]["fit"]["rows"])["max_leverage"] is None'
check: $ES_PROGRAM regress tests/data/accounts-r.csv --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["values"]["max_leverage"] > 0 and d["values"]["n_leverage_one"] == 0'
