args: compare tests/data/tiers.csv --band-column tier --bands seed
exit: 2
stderr-contains: compare: --band-column takes the bands from a column; it goes with neither --bands nor --band-names
