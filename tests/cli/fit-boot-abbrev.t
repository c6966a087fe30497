# --boo is getopt's abbreviation of --boot: the bootstrap runs and is reported
# (fit's old pre-parser looked for the exact string "--boot" and dropped it).
args: fit tests/data/accounts-r.csv --boo 20 --no-powerlaw --format json -o $TMP/f.json
exit: 0
check: python3 -c 'import json; d=json.load(open("'$TMP'/f.json")); assert d["settings"]["boot"]==20, d["settings"]'
