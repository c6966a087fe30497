# compare's default --groups micro,mega is refused the same way, listing the values.
args: compare tests/data/tiers.csv --band-column tier
exit: 2
stderr-contains: --groups micro,mega: band 'micro' is not a value of --band-column 'tier' (its values, in band order: small, big, huge); choose two with --groups A,B
