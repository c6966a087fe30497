# Issue 16: 90% zero likes (tests/data/regress-zinb.csv, made by tests/reference/regress_glmnb.R).
# MASS::glm.nb (R 4.2.2) warns "iteration limit reached" and returns theta 589826 with a
# log-likelihood of -255540.9, far below the -3084.1 of theta = 4.2e-4: its alternation
# failed.  That is no evidence of "no overdispersion": engagestat says the NB2 fit did not
# converge and reports neither the Poisson fit as the answer nor LR 0 / p = 1 (nulls).
args: regress tests/data/regress-zinb.csv --count likes --format json
exit: 0
stdout-contains: count model: the NB2 fit failed to converge
stdout-lacks: theta grew without bound
stdout-lacks: theta diverged
stdout-contains: "count_theta": null
stdout-contains: "count_lr_p_value": null
check: $ES_PROGRAM regress tests/data/regress-zinb.csv --count likes --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); f=dict(d["tables"]["count_fit"]["rows"]); assert f["lr_overdispersion"] is None and f["lr_p_value"] is None and f["poisson_fallback"] == 0; assert all(r[1] is None for r in d["tables"]["count_model"]["rows"]); assert abs(f["poisson_loglik"] + 255596.12571860224) < 1e-3'
