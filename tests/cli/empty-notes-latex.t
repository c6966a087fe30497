# The same in latex: the role of likes.1 is empty, its min and max are --.
args: inspect tests/data/tiny.csv --format latex
stdout-contains: 9 & likes.1 & categorical &  & 0 & 1 & -- & -- \\
