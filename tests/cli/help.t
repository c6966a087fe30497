args: --help
stdout-contains: Usage: engagestat COMMAND [OPTION]... [FILE]
stdout-contains: Examples:
