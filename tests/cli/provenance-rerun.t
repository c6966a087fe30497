# The JSON alone reproduces the run: its settings.command_line (shell words), run again
# from the same directory, prints the identical JSON.  The settings also name every
# filter (as given), mapping, the band edges and names, and --max-er.
args: describe tests/data/accounts-r.csv --where "followers>2000" --where "handle != x'y" --map likes=avg_likes --bands 1000,20000,1000000 --band-names small,middle,large --ratio middle/large --boot 200 --seed 5 --max-er 0.5 --format json
exit: 0
stdout-contains: "where": "followers>2000; handle != x'y"
stdout-contains: "map": "likes=avg_likes"
stdout-contains: "band_edges": "1000,20000,1000000"
stdout-contains: "band_names": "small,middle,large"
stdout-contains: "max_er": 0.5
check: cmd=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["settings"]["command_line"])' $TMP/got.out) && sh -c "$ES_PROGRAM ${cmd#engagestat }" > $TMP/again.json && cmp $TMP/got.out $TMP/again.json
