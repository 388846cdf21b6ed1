# SPDX-License-Identifier: GPL-3.0-or-later
# survey_numpy.py: the obvious numpy script, vectorized over the starts,
# for side_by_side.sh: gd on himmelblau, N starts x S steps, every step
# taken; gd on the formula sin(3x)cos(2y)+0.1(x^2+y^2); and a field of
# that formula on a grid. For formula_funcs.sh, the same survey and field
# of the formulas with tanh, atan, tan and non-integer powers (FUNCS).
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


# name: (f, gradient by hand), the formulas of formula_funcs.sh.
FUNCS = {
    "tanh": (lambda x, y: np.tanh(3 * x) * np.tanh(2 * y)
             + 0.1 * (x * x + y * y),
             lambda x, y: (3 * (1 - np.tanh(3 * x) ** 2) * np.tanh(2 * y)
                           + 0.2 * x,
                           2 * (1 - np.tanh(2 * y) ** 2) * np.tanh(3 * x)
                           + 0.2 * y)),
    "atan": (lambda x, y: np.arctan(3 * x) * np.arctan(2 * y)
             + 0.1 * (x * x + y * y),
             lambda x, y: (3 / (1 + 9 * x * x) * np.arctan(2 * y) + 0.2 * x,
                           2 / (1 + 4 * y * y) * np.arctan(3 * x)
                           + 0.2 * y)),
    "pow": (lambda x, y: 0.1 * (x * x + 1) ** 2.5
            + 0.3 * (y * y + 1) ** 1.5 - 2 * x * y,
            lambda x, y: (0.5 * x * (x * x + 1) ** 1.5 - 2 * y,
                          0.9 * y * (y * y + 1) ** 0.5 - 2 * x)),
    "tan": (lambda x, y: np.tan(0.4 * x) * np.tan(0.4 * y)
            + 0.1 * (x * x + y * y),
            lambda x, y: (0.4 * (1 + np.tan(0.4 * x) ** 2) * np.tan(0.4 * y)
                          + 0.2 * x,
                          0.4 * (1 + np.tan(0.4 * y) ** 2) * np.tan(0.4 * x)
                          + 0.2 * y)),
}


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


def field(side, f=lambda x, y: np.sin(3 * x) * np.cos(2 * y)
          + 0.1 * (x * x + y * y)):
    t0 = time.perf_counter()
    c0 = time.process_time()
    x, y = np.meshgrid(np.linspace(-3, 3, side), np.linspace(-3, 3, side))
    f = f(x, y)
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
elif sys.argv[1] == "funcs-survey":
    survey(sys.argv[2] + " survey", FUNCS[sys.argv[2]][1], 3,
           int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
elif sys.argv[1] == "funcs-field":
    field(int(sys.argv[3]), FUNCS[sys.argv[2]][0])
else:
    field(int(sys.argv[2]))
