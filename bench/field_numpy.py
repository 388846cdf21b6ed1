# SPDX-License-Identifier: GPL-3.0-or-later
# field_numpy.py: the glm field as a numpy user would compute it, for
# field_side_by_side.sh: cols x rows samples w = a·e1 + b·e2 over [-4, 4]^2,
# 1/(2n) Σ (y_i − σ(wᵀx_i))², in chunks of samples so that the n × chunk
# matrices fit in memory (X @ W.T, then exp on the whole chunk). Data of
# the shape of glm:n=N,d=D, drawn here. Prints the seconds and a checksum.
# Usage: field_numpy.py N D COLS ROWS [CHUNK]
import sys
import time

import numpy as np


def field(n, d, cols, rows, chunk):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((n, d))
    wstar = np.zeros(d)
    wstar[0] = 2
    y = 1 / (1 + np.exp(-x @ wstar)) + 0.1 * rng.uniform(-1, 1, n)
    t0 = time.perf_counter()
    a = -4 + 8 * (np.arange(cols) + 0.5) / cols
    b = 4 - 8 * (np.arange(rows) + 0.5) / rows
    aa, bb = np.meshgrid(a, b)
    w = np.zeros((cols * rows, d))
    w[:, 0] = aa.ravel()
    w[:, 1] = bb.ravel()
    f = np.empty(cols * rows)
    for k in range(0, cols * rows, chunk):
        t = x @ w[k:k + chunk].T
        r = y[:, None] - 1 / (1 + np.exp(-t))
        f[k:k + chunk] = (r * r).sum(axis=0) / (2 * n)
    print("%.3f %.6g" % (time.perf_counter() - t0, f.sum()))


field(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]),
      int(sys.argv[4]), int(sys.argv[5]) if len(sys.argv) > 5 else 64)
