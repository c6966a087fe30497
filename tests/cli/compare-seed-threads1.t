# The same seed gives the same permutation p for any --threads: blocks of 1024
# permutations each have their own generator.  compare-seed-threads.t (three threads) expects the same line.
# The p-value is a seeded Monte Carlo estimate, 2 min(p_less, p_greater) with
# p = (b+1)/(m+1); the observed statistic 0.00915750332174 is micro's median minus
# mega's (tests/reference/compare_cli.R data).
args: compare tests/data/accounts-r.csv --boot 0 --digits 12 --format csv --threads 1 --seed 5
stdout-contains: permutation_median,"Monte Carlo, (b+1)/(m+1)",25,31,0.00915750332174,,0.007,
