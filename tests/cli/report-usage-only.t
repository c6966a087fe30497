# A section that does not exist is a usage error naming the ones that do.
args: report tests/data/accounts-r.csv -o $TMP/r --only bands,nope
exit: 2
stderr-contains: --only: 'nope' is not one of data, definitions, bands, micro-mega, scaling, distributions, methods, provenance
check: test ! -e $TMP/r
