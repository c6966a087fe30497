# Calibrating the bundled (simulated) dataset recovers its platform effect and its
# broken-line trend roughly (the truth, datasets/kim2020-calibrated.params: tiktok 1.8,
# beta -0.181, beta2 0.139, knot 35481 followers; measured -0.186, 0.141, 35481), and
# writes a parameter file that simulate accepts.
valgrind: skip
args: simulate --calibrate datasets/engagestat-sim.csv.gz -o $TMP/s.params
check: grep -q '^platform.tiktok.effect = 1\.[6-9]' $TMP/s.params
check: grep -q '^beta = -0\.1[5-9]\|^beta = -0\.2[0-1]' $TMP/s.params
check: grep -q '^beta2 = 0\.1[0-7]' $TMP/s.params
check: awk -F' = ' '$1 == "beta_knot" { ok = $2 >= 25000 && $2 <= 50000 } END { exit !ok }' $TMP/s.params
check: $ES_PROGRAM simulate --params $TMP/s.params --accounts 10 --truth /dev/null | grep -q '^a0000010,'
--- stdout
