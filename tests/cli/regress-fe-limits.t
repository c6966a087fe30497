# Issue 16: a factor of more than 50 levels is absorbed (src/regress/fe.c), but the other
# columns still go through a dense QR whose cost grows with their square: with two factors
# of 420 levels (niche absorbed, 419 platform dummies left) regress refuses, naming the
# limit (400), exit 1 (data), nothing on stdout.  The same data with only niche is fitted.
args: --version
check: python3 -c 'print("handle,followers,avg_likes,avg_comments,niche,platform"); [print("a%d,%d,%d,1,n%d,p%d" % (i, 1000 + 37 * i, 20 + i % 17, i % 420, (11 * i) % 420)) for i in range(440)]' > $TMP/wide.csv
check: $ES_PROGRAM regress $TMP/wide.csv --covariates niche,platform > $TMP/out 2> $TMP/err; test $? -eq 1 || exit 1; test ! -s $TMP/out; grep -q "^engagestat: regress: the model has 421 columns besides the 420 levels of 'niche' (which are absorbed): at most 400 (the cost grows with their square); merge rare levels or use fewer categorical covariates$" $TMP/err
check: $ES_PROGRAM regress $TMP/wide.csv --covariates niche --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["tables"]["coefficients"]["rows"]) == 421'
# --robust has no absorbed version: above 400 columns it is not fitted, with a warning.
check: $ES_PROGRAM regress $TMP/wide.csv --covariates niche --robust huber --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert "robust" not in d["tables"]; assert any(w.startswith("robust: not fitted: the design has 421 columns, at most 400") for w in d["warnings"])'
