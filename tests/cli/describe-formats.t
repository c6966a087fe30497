# Every output format renders the same analysis.
args: describe tests/data/accounts-r.csv --boot 200 --format md -o $TMP/d.md
check: grep -qF '| band | range | n\_accounts' $TMP/d.md
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 200 --format latex | grep -q 'toprule'
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 200 --format tsv --table intervals | head -1 | grep -q "^band	range	statistic	method	estimate	ci_low	ci_high	note$"
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 200 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["command"]=="describe" and len(d["tables"]["describe"]["rows"])==6'
check: $ES_PROGRAM describe tests/data/accounts-r.csv --boot 200 | grep -q 'Engagement rate by follower band'
