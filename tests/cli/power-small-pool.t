# A pool too small for the bands cannot answer: exit 1 (ES_EDOM).
args: power --accounts 30
exit: 1
stderr-contains: power: the simulated pool has
stderr-contains: raise --accounts
