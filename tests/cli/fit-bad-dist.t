# (move to tests/cli/fit-bad-dist.t) An unknown distribution is a usage error.
args: fit tests/data/accounts-r.csv --dist pareto
exit: 2
--- stderr
engagestat: --dist 'pareto': unknown distribution 'pareto' (lognormal, gamma, weibull, beta, exponential)
Try 'engagestat --help' for more information.
