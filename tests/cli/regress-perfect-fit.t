# Issue 16: every account has the same ER (tests/data/regress-same-er.csv: likes/followers
# = 0.02), so log10(ER) is constant and the residual variance is zero.  R 4.2.2 warns
# "essentially perfect fit: summary may be unreliable" and prints a noise F of 14.74
# (tests/reference/regress_cli.R); engagestat warns and reports no F, t, p or interval
# (it printed F = -8.5 and t tests on rounding noise).
args: regress tests/data/regress-same-er.csv --format json
exit: 0
stdout-contains: essentially perfect fit (residual variance zero: every unit has the same ER): no standard errors, tests or intervals
stdout-contains: "f_statistic": null
stdout-contains: "f_p_value": null
check: $ES_PROGRAM regress tests/data/regress-same-er.csv --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); c=d["tables"]["coefficients"]; i=c["columns"].index("statistic"); j=c["columns"].index("p_value"); assert all(r[i] is None and r[j] is None for r in c["rows"]); f=dict(d["tables"]["fit"]["rows"]); assert f["f_statistic"] is None; assert abs(c["rows"][0][1] - (-1.6989700043360187)) < 1e-12'
check: $ES_PROGRAM regress tests/data/regress-same-er.csv --vcov classical --format json | grep -q '"f_statistic": null'
