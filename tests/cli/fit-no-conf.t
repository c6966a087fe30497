# fit sets no confidence level, so --conf is refused rather than ignored; --min-n applies.
args: fit tests/data/accounts-r.csv --conf 0.5
exit: 2
stderr-contains: fit: option '--conf' does not apply to this command
