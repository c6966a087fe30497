# --level bands outside inspect and export: the band-summary refusal (exit 1).
args: describe tests/data/ref-bands.csv --level bands
exit: 1
stderr-contains: describe: this file is a table of band summaries, not accounts or posts: 5 rows of 'median_er_pct' by 'tier'
