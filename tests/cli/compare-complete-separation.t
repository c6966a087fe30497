# Two bands fully separated (every lo account below every hi one): Cliff's delta is -1
# and its interval (and AUC's) is missing, as R's 0/0 (tests/reference/compare_issue16.R),
# with a note; before, a zero-width [-1, -1] was printed.
args: compare tests/data/h16-bands.csv --band-column tier --groups lo,hi --min-n 2 --boot 0 --format json
stdout-contains: "cliff_delta", -1, null, null, "complete separation: no cliff_delta interval"]
stdout-contains: ["lo vs hi", "all", "auc", 0, null, null, "complete separation: no interval", 4, 4],
stdout-contains: ["lo vs hi", "all", "cliff_delta", -1, null, null, "complete separation: no interval", 4, 4],
