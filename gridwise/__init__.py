"""gridwise: decides where and when ML jobs run, and explains why."""

import os

# One BLAS thread per Python thread. A decision quotes every provider in its own thread and
# each quote fits small ridge regressions (tools/forecast/models.py: 30x500 matrices): with
# OpenBLAS's own thread pool on top, a 2-core machine oversubscribes and the same products run
# ~20x slower (242 ms vs 10 ms per fit, identical results). Set before numpy loads; an
# operator's own OPENBLAS_NUM_THREADS is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
