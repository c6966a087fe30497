# Calibrating the bundled (simulated) dataset recovers its platform effect and slope
# roughly, and writes a parameter file that simulate accepts.
args: simulate --calibrate datasets/engagestat-sim.csv.gz -o $TMP/s.params
check: grep -q '^platform.tiktok.effect = 1\.[6-9]' $TMP/s.params
check: grep -q '^beta = -0\.1[2-6]' $TMP/s.params
check: $ES_PROGRAM simulate --params $TMP/s.params --accounts 10 --truth /dev/null | grep -q '^a0000010,'
--- stdout
