# (move to tests/cli/fit-column.t) A one-column file without a header: the lognormal
# MLE and loglik match Rscript tests/reference/fit.R (tests/data/fit_expected.csv,
# row followers,lnorm: meanlog 10.024699293..., loglik -2455.3101422...).
valgrind: skip
args: fit tests/data/fit_followers.txt --no-header --dist lognormal --format json -o $TMP/c.json
check: python3 -c 'import json; d=json.load(open("'$TMP'/c.json")); p=d["tables"]["parameters"]["rows"]; f=d["tables"]["fits"]["rows"]; assert abs(p[0][3]/10.024699292876-1)<1e-9 and abs(f[0][5]/-2455.3101422389-1)<1e-9 and d["values"]["best_fit_V1"]=="lognormal"'
