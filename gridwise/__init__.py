"""gridwise: decides where and when ML jobs run, and explains why."""

import ctypes
import os
import sys

# One BLAS thread per Python thread. A decision quotes every provider in its own thread and
# each quote fits small ridge regressions (tools/forecast/models.py: 30x500 matrices): with
# OpenBLAS's own thread pool on top, a 2-core machine oversubscribes and the same products run
# ~20x slower (242 ms vs 10 ms per fit, identical results). Set before numpy loads; an
# operator's own OPENBLAS_NUM_THREADS is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

#: glibc's mallopt parameters (malloc.h) and the values set: arrays under 32 MiB come from
#: the heap, and up to 64 MiB freed at its top is kept for the next ones.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
MALLOC_MMAP_BYTES, MALLOC_TRIM_BYTES = 32 << 20, 64 << 20


def _keep_freed_memory() -> None:
    """Keep freed heap memory for the next arrays instead of returning it to the OS.

    A cold quote fits 19 ridge regressions whose temporaries are 0.4-2.5 MB each; with
    glibc's defaults the freed top of the heap went back to the OS and every new array
    faulted its pages in again: ~56k page faults per cold quote, about a quarter of its CPU
    time (issue 13: 392-499 -> 292-342 ms CPU per cold quote, ~1.4k faults; results
    identical). Linux with glibc only; an operator's own MALLOC_*_THRESHOLD_ is kept.
    """
    if not sys.platform.startswith("linux") or any(
            k in os.environ for k in ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_")):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return  # no mallopt (musl has a stub that does nothing): the allocator as it is
    mallopt(_M_MMAP_THRESHOLD, MALLOC_MMAP_BYTES)
    mallopt(_M_TRIM_THRESHOLD, MALLOC_TRIM_BYTES)


_keep_freed_memory()

__version__ = "0.1.0"
