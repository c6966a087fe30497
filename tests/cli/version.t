args: --version
--- stdout
engagestat 0.3.1
