# --models: model (1) is lm(log10(er) ~ log10(followers)) with HC3 errors, the same
# numbers as regress (tests/reference/regress_cli.R, R 4.2.2, sandwich 3.0-2):
# -1.190893484 (0.1239238841), -0.07423637988 (0.02324730037); the SE below its estimate
# in parentheses; accounts-r.csv has no niche column: model (3) is left out, with a
# warning (in the text output; csv has no room for warnings).
args: regress tests/data/accounts-r.csv --models --format csv --digits 10
stdout-contains: term,stat,(1) linear,(2) quadratic,(4) robust (Huber),(5) NB2 (likes)
stdout-contains: (Intercept),estimate,-1.190893484,
stdout-contains: (Intercept),se,(0.1239238841),
stdout-contains: log10(followers),estimate,-0.07423637988,
stdout-contains: log10(followers),se,(0.02324730037),
stdout-contains: SE type,,HC3,HC3,"Huber (rlm, model-based)",model-based (Wald)
stdout-lacks: (3) quadratic + FE
check: $ES_PROGRAM regress tests/data/accounts-r.csv --models | grep -q "model (3) left out: the file has no niche or platform column"
