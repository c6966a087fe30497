# --shape fills the tables shape, shape_verdict, shape_curve and shape_contrast, per
# platform too (the bundled dataset has two); the values name the overall verdict.
valgrind: skip
args: regress tests/data/engagestat-sim-v1.csv.gz --shape --format json
check: $ES_PROGRAM regress tests/data/engagestat-sim-v1.csv.gz --shape --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["tables"]; assert set(["shape","shape_verdict","shape_curve","shape_contrast"]) <= set(t); g=sorted(set(r[0] for r in t["shape"]["rows"])); assert g==["overall","platform=instagram","platform=tiktok"], g; assert len(t["shape_curve"]["rows"])==1200; assert d["values"]["shape_verdict"]=="linear"'
check: $ES_PROGRAM regress tests/data/engagestat-sim-v1.csv.gz --shape --format md | grep -q '^## Which shape the data support'
check: $ES_PROGRAM regress tests/data/shape-u.csv --er likes/followers --shape --format text | grep -q 'U-shaped'
