# COMMAND --help is generated from the option tables: own options, then only the
# shared groups the command accepts (regress: no --by, --boot, --seed or --threads).
args: regress --help
exit: 0
stdout-contains: Usage: engagestat regress [OPTION]... FILE
stdout-contains:       --bins N           log-spaced follower bins for the curve (default 10)
stdout-contains:       --ratio A/B        bands whose median ratio is reported (default micro/mega)
check: ! $ES_PROGRAM regress --help | grep -q -e '--boot' -e '--by ' -e '--threads'
