# The same seed gives the same permutation p for any --threads: blocks of 1024
# permutations each have their own generator.  compare-seed-threads1.t (one thread) expects the same line.
# The p-value is a seeded Monte Carlo estimate, 2 min(p_less, p_greater) with
# p = (b+1)/(m+1); the observed statistic 0.00915750332174 is micro's median minus
# mega's (tests/reference/compare_cli.R data).
# (0.008 before 0.3.1: the median's selection reordered the shuffled data between
# permutations; now the partitions are the shuffle's own successive states.)
args: compare tests/data/accounts-r.csv --boot 0 --digits 12 --format csv --threads 3 --seed 5
stdout-contains: permutation_median,"Monte Carlo, (b+1)/(m+1)",25,31,0.00915750332174,,0.007,
