# Any numeric column in a definition; the canonical text in the settings.
args: describe tests/data/er-expr.csv --er '(likes + comments + shares) / views' --min-n 2
stdout-contains: er=likes+comments+shares/views,
stdout-contains: 1 rows left out: zero denominator
stdout-lacks: er_scale
