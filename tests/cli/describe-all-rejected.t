# Every row rejected by the loader: the error says so, with each reason and count, not
# only that no engagement rate is defined.
args: describe tests/data/all-rejected.csv
exit: 1
stderr-contains: no row has a defined engagement rate
stderr-contains: the loader rejected 3 of 3 rows (followers zero or negative: 2, unparsable number in followers: 1; 'engagestat inspect' lists them)
