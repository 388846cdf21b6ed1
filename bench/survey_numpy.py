# SPDX-License-Identifier: GPL-3.0-or-later
# survey_numpy.py: the obvious numpy script, vectorized over the starts,
# for side_by_side.sh: gd on himmelblau, N starts x S steps, every step
# taken; gd on the formula sin(3x)cos(2y)+0.1(x^2+y^2); and a field of
# that formula on a grid.
import sys
import time

import numpy as np


def himmelblau(x, y):
    a = x * x + y - 11
    b = x + y * y - 7
    return 4 * x * a + 2 * b, 2 * a + 4 * y * b


def formula(x, y):
    """sin(3x)cos(2y) + 0.1(x^2 + y^2), the gradient by hand."""
    return (3 * np.cos(3 * x) * np.cos(2 * y) + 0.2 * x,
            -2 * np.sin(3 * x) * np.sin(2 * y) + 0.2 * y)


def survey(name, grad, side, n, steps, lr):
    """gd from n starts uniform in [-side, side]^2, every step taken."""
    rng = np.random.default_rng(1)
    x = rng.uniform(-side, side, n)
    y = rng.uniform(-side, side, n)
    t0 = time.perf_counter()
    for _ in range(steps):
        gx, gy = grad(x, y)
        x = x - lr * gx
        y = y - lr * gy
    t = time.perf_counter() - t0
    print("numpy %s: %.3f s, %.1f M steps/s" % (name, t,
          n * steps / t / 1e6))


def field(side):
    t0 = time.perf_counter()
    c0 = time.process_time()
    x, y = np.meshgrid(np.linspace(-3, 3, side), np.linspace(-3, 3, side))
    f = np.sin(3 * x) * np.cos(2 * y) + 0.1 * (x * x + y * y)
    t = time.perf_counter() - t0
    c = time.process_time() - c0
    print("numpy field %dx%d: %.3f s wall, %.3f s CPU (sum %g)" % (
          side, side, t, c, f.sum()))


if sys.argv[1] == "survey":
    survey("survey", himmelblau, 6, int(sys.argv[2]), int(sys.argv[3]),
           float(sys.argv[4]))
elif sys.argv[1] == "formula":
    survey("formula survey", formula, 3, int(sys.argv[2]),
           int(sys.argv[3]), float(sys.argv[4]))
else:
    field(int(sys.argv[2]))
