# Counts: tests/reference/load.R (R 4.2.2).
requires: ../shared/datasets-external/kim2020-instagram-sample/influencers.txt
args: inspect ../shared/datasets-external/kim2020-instagram-sample/influencers.txt
stdout-contains: rows      33936 read, 33935 kept, 1 rejected, 0 filtered, 0 duplicate
stdout-contains: separator line      1           2             1
stdout-contains: followers_median  16125
