args: inspect --help
stdout-contains: Usage: engagestat inspect [OPTION]... FILE
