# An 'ER %' column is the er role; median 1.85 (python3: statistics.median([1.2, 0, 3.5, 2.5]))
# > 1, so percent; chosen because comments is missing on a row whose rate is known.
args: describe tests/data/er-expr.csv --min-n 2
stdout-contains: er=er, er_scale=percent
stdout-contains: engagement rate from the precomputed column 'ER %' (er role), chosen because
stdout-contains: median 1.85, read as percent (above 1): divided by 100
