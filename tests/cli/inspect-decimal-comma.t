# A ';'-separated file writes decimal commas (10,5 = 10.5) and space or '.' thousands
# ("2 000"); the empty line is skipped; 3.5K still reads as 3500.
args: inspect tests/data/semicolon-decimal.csv --format csv
--- stdout
column,name,type,role,n_missing,n_distinct,min,max
1,handle,categorical,account,0,3,,
2,followers,numeric,followers,0,,1000,3500
3,likes,numeric,likes,0,,7,30
4,comments,numeric,comments,1,,1,2
