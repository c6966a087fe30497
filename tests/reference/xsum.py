"""xsum.py: reference sums for tests/test_accum.c (es_xsum, the exact sum).

Run from the repository root: python3 tests/reference/xsum.py > tests/data/xsum-cases.txt
(Python 3.11.2): the exact sum in fractions.Fraction, rounded once by float() (correctly
rounded, half to even; beyond the largest double: inf), and math.fsum beside it where
it does not overflow, which must agree.
Each case is a line "name count fsum" and then the values, one per line, all as C99
hex floats (float.hex), so they travel exactly; deterministic (random.Random(seed))."""
import math
import random
from fractions import Fraction

cases = []
r = random.Random(20261202)

def case(name, xs):
    cases.append((name, xs))

case("cancel-huge", [1e308, 1e308, -1e308, -1e308, 1.0])
case("tiny-in-huge", [1.0, 1e100, 1.0, -1e100])
case("ties-even", [2.0 ** 53, 1.0, 2.0 ** -60])          # 2^53 + 1 + tiny: up
case("tie-exact", [2.0 ** 53, 1.0])                       # 2^53 + 1: ties to even (down)
case("tie-odd", [2.0 ** 53 + 2, 1.0])                     # ties to even (up)
case("subnormals", [5e-324, 5e-324, -1e-323, 2.2250738585072014e-308, -2.225073858507201e-308])
case("subnormal-sum", [4.9e-324 * k for k in range(1, 200)])
case("overflow", [1.7976931348623157e308, 1.7976931348623157e308])
case("max-back", [1.7976931348623157e308, 1.7976931348623157e308, -1.7976931348623157e308])
case("zero", [0.0, -0.0, 3.5, -3.5])
case("empty", [])
case("engagement-rates", [r.lognormvariate(-3.5, 1.0) for _ in range(5000)])
case("wide-exponents", [r.choice((-1.0, 1.0)) * r.random() * 2.0 ** r.randint(-1074, 1023) for _ in range(3000)])
case("cancel-random", [x for x in (r.uniform(-1, 1) * 10 ** r.randint(-20, 20) for _ in range(2000)) for x in (x, -x * (1 + 2 ** -40))])
case("followers", [float(int(r.lognormvariate(10, 2))) for _ in range(5000)])
# many values of one large magnitude: the digits carry past the top of one double
case("large-many", [1.5e307] * 300 + [-1.5e307] * 299)

def exact(xs):
    t = sum(map(Fraction, xs), Fraction(0))
    try:
        v = float(t)
    except OverflowError:
        return math.inf if t > 0 else -math.inf
    try:
        assert math.fsum(xs) == v, "fsum disagrees"
    except OverflowError:
        pass
    return v

for name, xs in cases:
    print(name, len(xs), exact(xs).hex())
    for x in xs:
        print(x.hex())
