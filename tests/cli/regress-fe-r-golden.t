# Issue 16: a factor with more than 50 levels is absorbed (src/regress/fe.c, Frisch-Waugh-
# Lovell) instead of expanded into a QR of 60 dummy columns.  Every coefficient, standard
# error and p-value (classical, HC0-HC3), R^2, adjusted R^2, F, sigma, residual df and the
# largest hat value equal R 4.2.2's lm(log10(er) ~ log10(followers) + niche) with
# sandwich::vcovHC (tests/reference/regress_fe.R writes tests/data/regress-fe60-expected.csv;
# the data from tests/reference/make_regress_fe.py) to 1e-9 relative.
args: regress tests/data/regress-fe60.csv --covariates niche --format json
exit: 0
stdout-contains: "vcov": "HC3"
check: for v in classical HC0 HC1 HC2 HC3; do $ES_PROGRAM regress tests/data/regress-fe60.csv --covariates niche --vcov $v --format json | python3 -c 'import csv,json,sys; v=sys.argv[1]; e={r["term"]:r for r in csv.DictReader(open("tests/data/regress-fe60-expected.csv"))}; d=json.load(sys.stdin); rows=d["tables"]["coefficients"]["rows"]; assert len(rows)==61; rel=lambda g,w: abs(g-float(w))<=1e-9*abs(float(w)); assert all(rel(r[1],e[r[0]]["estimate"]) and rel(r[2],e[r[0]]["se_"+v]) and rel(r[5],e[r[0]]["p_"+v]) for r in rows); f=dict(d["tables"]["fit"]["rows"]); ks=["r2","adj_r2","f_statistic","sigma","df_residual"]+(["max_leverage"] if v!="classical" else []); assert all(rel(f[k],e[k]["estimate"]) for k in ks), v' $v || exit 1; done
