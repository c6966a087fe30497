# The settings record the column and the order; the row without a tier is left out
# and counted ("no band"), in the exclusions table under band "none".
args: describe tests/data/tiers.csv --band-column tier --ratio small/huge --boot 0
stdout-contains: bands=column, band_column=tier, band_order=median followers, band_names=small,big,huge, max_er=Inf
stdout-lacks: band_edges
stdout-contains: none  no band     1      1      1
stdout-contains: 1 rows left out: no band (no value in --band-column 'tier')
stdout-contains: ratio_of_medians_small_huge  8.013
