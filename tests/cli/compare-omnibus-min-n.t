# With the default --min-n 10, macro (7 accounts in tests/data/accounts-r.csv) is left
# out of the omnibus tests, with a note and a warning; the rows equal R 4.2.2's
# kruskal.test, anova(lm) and oneway.test on nano, micro, mid and mega
# (tests/reference/compare_cli.R, the *_min_n lines).
args: compare tests/data/accounts-r.csv --boot 0 --digits 12 --format csv --table omnibus
stdout-contains: kruskal_wallis,ranks of ER,113,4,10.1783931632,3,,0.0171090354189,
stdout-contains: anova,log ER,113,4,3.8676382184,3,109,0.0113223717735,
stdout-contains: welch_anova,log ER,113,4,5.40575604789,3,55.9848019111,0.00244765001266,
stdout-contains: "left out, fewer than min_n 10 units: macro (n = 7)"
