# The bundled dataset and its truth regenerate byte for byte (gzip included) with the
# command in datasets/README.md.
valgrind: skip
args: simulate --params datasets/kim2020-calibrated.params --seed 20200420 --accounts 50000 -o $TMP/sim.csv.gz
check: cmp $TMP/sim.csv.gz datasets/engagestat-sim.csv.gz
check: cmp $TMP/sim.csv.gz.truth datasets/engagestat-sim.csv.gz.truth
--- stdout
