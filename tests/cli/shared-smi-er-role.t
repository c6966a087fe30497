# SMI 2022 tidy file: a plain describe uses er_followers (er role) instead of losing every
# Instagram row (no avg_likes there).  python3 (csv, statistics.median): 2972 rows with
# er_followers, median 0.02144 (a proportion); micro 10, mega 2843, ratio 370.6.
requires: ../shared/datasets-external/smi2022-top1000-ig-tt-yt/tidy_2022-12_all_platforms.csv
args: describe ../shared/datasets-external/smi2022-top1000-ig-tt-yt/tidy_2022-12_all_platforms.csv --boot 200
stdout-contains: accounts  2972 (accounts with a defined ER)
stdout-contains: settings  er=er, er_scale=proportion,
stdout-contains: engagement rate from the precomputed column 'er_followers' (er role)
stdout-contains: median 0.02144, read as a proportion
stdout-contains: ratio_of_medians_micro_mega  370.6
stdout-lacks: 1000 rows left out
