# compare's pairwise rows equal R 4.2.2's (tests/reference/compare_cli.R prints
# wilcox.test(micro, mega, conf.int = TRUE) and t.test(log(micro), log(mega)) on
# tests/data/accounts-r.csv at 12 digits).
args: compare tests/data/accounts-r.csv --boot 0 --digits 12 --format csv
stdout-contains: micro vs mega,all,mann_whitney,exact,25,31,572,,0.00200363177937,
stdout-contains: ,0.0109679114012,0.00438720003279,0.0195117266058,cliff_delta,
stdout-contains: micro vs mega,all,welch_t,Welch t on log ER,25,31,3.69605156166,50.1138391603,0.000542715954997,
stdout-contains: ,0.505187914888,0.230667209428,0.779708620349,hedges_g,
