# --shape's verdict is computed from the fits: a U-shaped file gets "U-shaped" (its
# minimum near the true 10^5 followers), a rising one "rising", a flattening decline
# "flattening"; the bundled dataset (constant elasticity) "linear".  The files and the
# log-likelihoods are tests/reference/shape.R's (R 4.2.2: "u_loglik" -242.85015855761861
# is the linear AIC, 124.42507927880931 its loglik).
valgrind: skip
args: regress tests/data/shape-u.csv --er likes/followers --shape --format csv --table shape --digits 10
stdout-contains: overall,linear,400,3,124.4250793,-242.8501586,-230.8757649,
stdout-contains: overall,quadratic,400,4,351.963519,-695.9270379,-679.9611797,0,
stdout-contains: overall,natural spline,400,6,353.222409,-694.444818,-670.4960308,
check: $ES_PROGRAM regress tests/data/shape-u.csv --er likes/followers --shape --format csv --table shape_verdict | grep -q '^overall,U-shaped,quadratic,.*a minimum at 1.006e+05 followers'
check: $ES_PROGRAM regress tests/data/shape-rising.csv --er likes/followers --shape --format csv --table shape_verdict | grep -q '^overall,rising,'
check: $ES_PROGRAM regress tests/data/shape-flattening.csv --er likes/followers --shape --format csv --table shape_verdict | grep -q '^overall,flattening,'
check: $ES_PROGRAM regress tests/data/engagestat-sim-v1.csv.gz --shape --format csv --table shape_verdict | grep -c ',linear,linear,' | grep -qx 3
