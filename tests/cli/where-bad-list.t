# A malformed list is a usage error naming the character.
args: inspect tests/data/tiny.csv --where 'niche=(fitness,,beauty)'
exit: 2
stderr-contains: invalid --where expression 'niche=(fitness,,beauty)': at character 16: expected a value in the list (an empty item)
