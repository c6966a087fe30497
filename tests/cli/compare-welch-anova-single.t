# A band with one value on the log scale (band one: ER 0.05 and 0) has no variance, so
# Welch's ANOVA leaves it out; the note and a warning name it and count it (it was left
# out silently).  The test on the other three bands equals R 4.2.2's oneway.test
# (tests/reference/compare_issue16.R): F 12.0517722346, df 2, 5.324003497, p 0.0105541142372.
args: compare tests/data/h16-welch.csv --band-column tier --groups lo,hi --boot 0 --min-n 2 --digits 12 --format json
stdout-contains: ["welch_anova", "log ER", 11, 3, 12.0517722346, 2, 5.324003497, 0.0105541142372,
stdout-contains: "1 band left out, n = 1 (no variance): one"]
stdout-contains: "welch_anova: 1 band left out, n = 1 (no variance): one"
