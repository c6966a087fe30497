# Text matches exactly; no row says 'Fashion', 13,902 say 'fashion':
#   python3 -c "import csv; r=list(csv.DictReader(open('../shared/datasets-external/kim2020-instagram-sample/posts.csv'))); print(sum(x['category']=='Fashion' for x in r), sum(x['category']=='fashion' for x in r))"  -> 0 13902
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: describe ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'category=Fashion'
exit: 1
stderr-contains: 'category=Fashion' removed 39,907 (it keeps no row: no row has category = 'Fashion'; 'fashion' appears 13,902 times)
