# A list that matches nothing but for case names the spelling met first.
requires: ../shared/datasets-external/kim2020-instagram-sample/posts.csv
args: describe ../shared/datasets-external/kim2020-instagram-sample/posts.csv --where 'category=(Fashion, Food)'
exit: 1
stderr-contains: 'category=(Fashion, Food)' removed 39,907 (it keeps no row: no row has category in (Fashion, Food); 'fashion' appears 13,902 times)
