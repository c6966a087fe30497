# --level takes post, account, bands or auto.
args: inspect tests/data/posts-small.csv --level rows
exit: 2
stderr-contains: --level 'rows'
