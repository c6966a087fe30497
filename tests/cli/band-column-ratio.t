# The default --ratio micro/mega names bands the column does not hold: refused, listing its values.
args: describe tests/data/tiers.csv --band-column tier
exit: 2
stderr-contains: --ratio 'micro/mega' (the default): band 'micro' is not a value of --band-column 'tier' (its values, in band order: small, big, huge); choose two with --ratio A/B
