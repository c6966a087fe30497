# tiny.csv: the kept rows typed and cleaned (1.2M, 15.3K, "1,200", NA, dates as ISO; the
# CR LF inside the quoted cell is kept), and
# the rejected rows with their lines (counted with Python's csv module, tests/test_export.c).
args: export tests/data/tiny.csv -o - --rejects $TMP/rejects.csv
check: printf '%s\n' 'line,column,reason,raw' '7,4,followers missing,"carol,tiktok,fitness,,p5,2019-05-03,10,1,x"' '8,4,followers zero or negative,"dave,tiktok,fitness,0,p6,2019-05-03,10,1,x"' '9,7,negative count in likes,"erin,tiktok,fitness,5000,p7,2019-05-03,-4,1,x"' '10,7,wrong field count,"frank,tiktok,fitness,5000,p8,2019-05-03"' '11,7,unparsable number in likes,"gina,tiktok,fitness,5000,p9,2019-05-03,abc,1,x"' '13,6,unparsable date in date,"hank,tiktok,beauty,800,p10,yesterday,10,1,x"' | cmp - "$TMP/rejects.csv"
--- stdout
account_id,platform,niche,followers,post_id,posted_at,likes,comments,likes.1
alice,instagram,"food, drink",12500,p1,2019-05-01T10:00:00Z,500,20,x
alice,instagram,"food, drink",12500,p2,2019-05-02T10:00:00Z,1200,,x
bob,instagram,"say ""hi""",1200000,p3,2019-05-03T00:00:00Z,15300,300,x
bob,instagram,"multi
line",1200000,p4,2019-05-03T08:00:00Z,20000,,x
alice,instagram,"food, drink",12500,p1,2019-05-01T10:00:00Z,500,20,x
--- stderr
