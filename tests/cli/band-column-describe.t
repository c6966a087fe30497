# --band-column: the tier column's values are the bands, ordered by the median
# followers of their rows (small 1,200, big 215,000, huge 2,200,000), with the
# observed range of followers; a10 has no tier (no band), a4 no followers (rejected).
# Medians of (likes+comments)/followers per tier:
#   python3 -c "import csv,statistics as s; r=[x for x in csv.DictReader(open('tests/data/tiers.csv')) if x['followers'] and x['tier']]; [print(t, sum(x['tier']==t for x in r), s.median([(int(x['likes'])+int(x['comments']))/float(x['followers']) for x in r if x['tier']==t])) for t in ('small','big','huge')]"
#   -> small 3 0.08333333333333333, big 4 0.0216375, huge 3 0.0104
args: describe tests/data/tiers.csv --band-column tier --ratio small/huge --boot 0 --format csv --table describe --digits 6
--- stdout
band,range,n_accounts,n_posts,mean,sd,median,q25,q75,iqr,geo_mean,trim_mean,mad,n_zero,note
small,900-3k,3,3,0.0772593,0.0208952,0.0833333,0.0686667,0.0888889,0.0202222,0.0751847,0.0772593,0.0164733,0,
big,60k-400k,4,4,0.0208188,0.0048293,0.0216375,0.0188833,0.0235729,0.00468958,0.0203553,0.0208188,0.00390418,0,
huge,1.5M-5M,3,3,0.0108818,0.00295236,0.0104,0.0093,0.0122227,0.00292273,0.0106201,0.0108818,0.00326172,0,
all,all,10,10,0.0347698,0.0313885,0.0216375,0.0141174,0.0469167,0.0327992,0.0247827,0.0306317,0.0139583,0,
