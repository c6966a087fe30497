# (move to tests/cli/fit-formats.t) Every output format renders the fits.
# macro has 7 accounts < --min-n 10: its 5 rows are there with every number missing,
# so no densities for it (5 x 500 -> 2500 rows, was 3000) and no best_fit_macro.
args: fit tests/data/accounts-r.csv --format md -o $TMP/f.md
check: grep -qF '| band | distribution | n | n\_zero' $TMP/f.md
check: $ES_PROGRAM fit tests/data/accounts-r.csv --format latex | grep -q 'toprule'
check: $ES_PROGRAM fit tests/data/accounts-r.csv --format tsv --table powerlaw | head -1 | grep -q "^variable	model	n	n_tail	xmin	estimate	se	statistic	p_value"
check: $ES_PROGRAM fit tests/data/accounts-r.csv --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["command"]=="fit" and len(d["tables"]["fits"]["rows"])==30 and len(d["tables"]["densities"]["rows"])==2500 and d["values"].get("best_fit_macro") is None'
check: $ES_PROGRAM fit tests/data/accounts-r.csv | grep -q 'Maximum-likelihood fits, ranked by AIC'
