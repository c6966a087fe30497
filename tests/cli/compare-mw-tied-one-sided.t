# All values tied, one-sided: the Mann-Whitney test has no variance, so no p-value
# and no bound on the shift either (R 4.2.2's wilcox.test stops: tests/reference/
# compare_issue16.R); the lower bound 0 (the end of the range) was printed.
args: compare tests/data/h16-bands.csv --band-column tier --groups tied,tied2 --min-n 2 --boot 0 --alternative greater --format json
stdout-contains: ["tied vs tied2", "all", "mann_whitney", "normal, tie and continuity corrected", 3, 3, 4.5, null, null, null, null, null, null, null, "cliff_delta",
stdout-contains: ["tied vs tied2", "all", "hodges_lehmann_shift", 0, null, null,
