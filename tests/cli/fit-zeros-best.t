# Exact zeros: lognormal, gamma and Weibull are undefined, beta is fitted to squeezed
# values; the exponential has the lowest AIC only among what was left, so no best
# family is named (the value is null) and a warning says why.
args: fit tests/data/fit_beta01.txt --no-header --no-powerlaw --format json -o $TMP/z.json
check: python3 -c 'import json; d=json.load(open("'$TMP'/z.json")); assert d["values"]["best_fit_V1"] is None; assert any("no best family: lognormal, gamma, weibull not fitted" in w for w in d["warnings"])'
check: $ES_PROGRAM fit tests/data/fit_beta01.txt --no-header --no-powerlaw --zeros drop --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["values"]["best_fit_V1"] is not None'
