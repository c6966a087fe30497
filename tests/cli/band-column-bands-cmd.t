# The bands command has no data: --band-column is refused there.
args: bands --band-column tier
exit: 2
stderr-contains: bands: --band-column takes the bands from a data file's column
