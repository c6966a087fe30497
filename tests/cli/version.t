args: --version
--- stdout
engagestat 0.3.0
