# A pair whose smaller band is below --min-n (macro: 7 accounts) keeps its rows and
# point estimates but has no test, p-value or interval; the note says why, and the
# settings record min_n.
args: compare tests/data/accounts-r.csv --groups nano,macro --boot 0 --perm 99 --format json
stdout-contains: "min_n": 10
stdout-contains: ["nano vs macro", "all", "mann_whitney", null, 22, 7, null, null, null, null, null,
stdout-contains: "n = 7 < min_n 10: no test"]
stdout-contains: "n = 7 < min_n 10: no interval"
