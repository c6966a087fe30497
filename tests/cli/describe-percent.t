# --percent: rates in percent, "name (%)", the same decimals down a column (text, md,
# latex); csv and json keep the proportions.  Medians from R (tests/data/describe-r.csv,
# tests/reference/describe.R, R 4.2.2): micro 0.0323250206038, mega 0.023167517282.
args: describe tests/data/accounts-r.csv --boot 0 --min-n 5 --percent --format md
exit: 0
stdout-contains: median (%)
stdout-contains: | micro | 10k-50k | 25 | 25 |
stdout-contains: | 3.23 |
stdout-contains: | 2.32 |
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 0 --min-n 5 --percent --format csv | grep -q '^micro,10k-50k,25,25,.*,0.03232502060'
