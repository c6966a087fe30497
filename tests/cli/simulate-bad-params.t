# A truth file is not a parameter file: its first key is reported with file and line.
args: simulate --params datasets/engagestat-sim.csv.gz.truth
exit: 1
--- stdout
--- stderr
engagestat: datasets/engagestat-sim.csv.gz.truth:14: unknown key 'seed' (see docs/simulate-params.md)
