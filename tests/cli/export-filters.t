# The loading options apply: --where and --dedupe rows are left out.
args: export tests/data/tiny.csv -o - --to tsv --dedupe post_id --where 'followers>20000'
--- stdout
account_id	platform	niche	followers	post_id	posted_at	likes	comments	likes.1
bob	instagram	"say ""hi"""	1200000	p3	2019-05-03T00:00:00Z	15300	300	x
bob	instagram	"multi
line"	1200000	p4	2019-05-03T08:00:00Z	20000		x
