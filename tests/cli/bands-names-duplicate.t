# Two bands with one name are refused (a ratio or a table row could not tell them
# apart); custom bands with the default micro/mega ratio are told which names they have.
args: describe tests/data/accounts-r.csv --bands 1000,10000,100000 --band-names a,a,b
exit: 2
stderr-contains: --band-names: 'a' names bands 1 and 2
check: ! $ES_PROGRAM describe tests/data/accounts-r.csv --bands 1000,10000,100000 2> "$TMP/err" && grep -qF "no band named 'micro' in --bands custom (its bands: b1, b2, b3); name two of them with --ratio A/B" "$TMP/err"
