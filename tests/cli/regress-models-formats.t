# --models prints the tables models and model_comparison in every format (csv and tsv:
# one table, models by default, --table for the other).
args: regress tests/data/posts-small.csv --models --format text
stdout-contains: Regression models (estimates; standard errors in parentheses)
stdout-contains: Linear vs quadratic, and the band contrast each model implies
stdout-contains: (3) quadratic + FE
stdout-contains: Fixed effects: niche
check: $ES_PROGRAM regress tests/data/posts-small.csv --models --format csv | head -1 | grep -qx 'term,stat,(1) linear,(2) quadratic,(3) quadratic + FE,(4) robust (Huber),(5) NB2 (likes)'
check: $ES_PROGRAM regress tests/data/posts-small.csv --models --format tsv --table model_comparison | grep -q '^likelihood-ratio test of the quadratic term	(2) vs (1)'
check: $ES_PROGRAM regress tests/data/posts-small.csv --models --format csv --table models_long | grep -q '^(3) quadratic + FE,niche'
check: $ES_PROGRAM regress tests/data/posts-small.csv --models --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["tables"]; assert set(["models","model_comparison"]) <= set(t); m=t["models"]; assert m["columns"][:2]==["term","stat"]; assert [r[1] for r in m["rows"][:2]]==["estimate","se"]; assert not any(r[0].startswith("niche") for r in m["rows"])'
check: $ES_PROGRAM regress tests/data/posts-small.csv --models --format md | grep -q '^## Linear vs quadratic'
check: $ES_PROGRAM regress tests/data/posts-small.csv --models --format latex | grep -q 'caption{Regression models'
check: $ES_PROGRAM regress tests/data/posts-small.csv --models --models-ci --format csv | grep -q '^(Intercept),ci,"\[-'
