# --groups must name two different bands of the simulator's preset: exit 2 (ES_EINVAL).
args: power --groups micro,micro
exit: 2
stderr-contains: --groups micro,micro: expected two different bands of nano, micro, mid, macro, mega
