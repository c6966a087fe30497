# Backwards compatibility (issue 14): a parameter file written before the broken-line
# trend (no beta2 or beta_knot keys; the Kim calibration of engagestat 0.3.0 before
# issue 14) still loads, and with beta2 = 0 the simulator draws the old log-linear
# model byte for byte: it regenerates the old bundled dataset, kept as
# tests/data/engagestat-sim-v1.csv.gz for tests/test_models.c.
valgrind: skip
args: simulate --params tests/data/kim2020-calibrated-v1.params --seed 20200420 --accounts 50000 --truth $TMP/v1.truth -o $TMP/v1.csv.gz
check: cmp $TMP/v1.csv.gz tests/data/engagestat-sim-v1.csv.gz
check: grep -q '^beta2 = 0$' $TMP/v1.truth
check: grep -q '^truth.ratio_median_er.micro_mega = 2.01027' $TMP/v1.truth
--- stdout
