# A band summary (tests/data/ref-bands.csv: 5 rows of tier by platform with
# p25/median/p75 in percent, no follower counts) is stated as one by inspect, which
# says what it can be used for and does not ask for a followers column.
args: inspect tests/data/ref-bands.csv
stdout-contains: level           bands
stdout-contains: level_evidence  band summary: 5 rows of 'tier' by 'platform' with p25/median/p75 ('median_er_pct') and no follower counts
stdout-contains: can be a reference curve (plot --reference FILE)
stdout-lacks: no followers column found
