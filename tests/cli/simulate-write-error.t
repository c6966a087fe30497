# A write error on standard output is caught.
requires: /dev/full
args: simulate --accounts 100000 --truth /dev/null -o /dev/full
exit: 1
stderr-contains: /dev/full
check: test -c /dev/full
