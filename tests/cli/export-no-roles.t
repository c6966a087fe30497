# A file without engagement columns exports as parsed.
args: export tests/data/no-roles.csv -o - --to jsonl
--- stdout
{"label":"x","score":1}
{"label":"y","score":2}
--- stderr
