# power's JSON records how it was made: the command line and the question asked.
args: power --format json --nsim 20 --accounts 20000 --groups micro,mega
exit: 0
stdout-contains: "command_line": "engagestat power --format json --nsim 20 --accounts 20000 --groups micro,mega"
stdout-contains: "groups": "micro,mega", "target": "model", "power": 0.8, "alpha": 0.05
