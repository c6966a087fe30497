# Issue 16: a perfect fit has an unbounded likelihood, so --shape fits no shape and
# --models chooses no model (R 4.2.2 warns "essentially perfect fit" on both files:
# tests/reference/regress_ols.R).  constant-er.csv: every account has ER 0.02;
# exact-power.csv: ER = followers^-0.2 exactly.  Before, --shape said "steepening" with
# LR 2240, p = 0, and --models compared AICs of -9e4.
args: regress tests/data/constant-er.csv --shape --format csv --table shape_verdict
stdout-contains: overall,not fitted,,not fitted: every unit has the same ER
stdout-lacks: steepening
check: $ES_PROGRAM regress tests/data/exact-power.csv --shape --format csv --table shape_verdict | grep -qx 'overall,not fitted,,not fitted: essentially perfect fit (residual variance zero)'
check: $ES_PROGRAM regress tests/data/exact-power.csv --shape --format csv --table shape | grep -c ',not fitted: essentially perfect fit' | grep -qx 4
check: $ES_PROGRAM regress tests/data/constant-er.csv --models --format csv --table model_comparison | grep -qx 'supported by the data,,,,,,,,not compared: a fit without a likelihood (essentially perfect fit)'
check: $ES_PROGRAM regress tests/data/exact-power.csv --models --format json | grep -q '"supported_model": null'
check: $ES_PROGRAM regress tests/data/exact-power.csv --format csv --table fit | grep -v '^statistic' | grep -q '^aic,$'
