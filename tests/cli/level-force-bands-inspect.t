# --level bands where a band summary is read as such: inspect accepts it.
args: inspect tests/data/ref-bands.csv --level bands
stdout-contains: level           bands
