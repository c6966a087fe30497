# Help goes to stdout and ends with examples.
args: plot --help
exit: 0
stdout-contains: Usage: engagestat plot [OPTION]... FILE -o DIR
stdout-contains: engagestat plot datasets/engagestat-sim.csv.gz -o figures
