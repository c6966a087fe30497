# Omnibus rows equal R 4.2.2's kruskal.test, anova(lm(log ER ~ band)) and
# oneway.test(log ER ~ band) on tests/data/accounts-r.csv (tests/reference/compare_cli.R)
# over all five bands: --min-n 7 lets macro's 7 accounts in (the default 10 leaves
# macro out: compare-omnibus-min-n.t).
args: compare tests/data/accounts-r.csv --boot 0 --min-n 7 --digits 12 --format csv --table omnibus
stdout-contains: kruskal_wallis,ranks of ER,120,5,10.2416568465,4,,0.0365479211018,
stdout-contains: anova,log ER,120,5,2.96674587483,4,115,0.0225059698738,
stdout-contains: welch_anova,log ER,120,5,3.98245246653,4,33.7397956003,0.00941060605,
