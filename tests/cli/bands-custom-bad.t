args: bands --bands 5000,1000
exit: 2
--- stderr
engagestat: --bands: edges must increase ('1000' after '5000')
Try 'engagestat --help' for more information.
