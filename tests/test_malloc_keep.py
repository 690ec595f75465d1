"""gridwise keeps freed heap memory for the next arrays (issue 13: page faults of a cold quote)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# arrays of 8 MB made three at a time and freed, 20 times: with glibc's defaults the freed top
# of the heap goes back to the OS and the rounds fault ~20k pages in again (measured: 19960);
# kept, none (measured: 0)
_FAULTS = """
import resource, sys
if sys.argv[1] == "1":
    import gridwise
import numpy as np
def rounds():
    for _ in range(20):
        xs = [np.ones(1 << 20) for _ in range(3)]
        del xs
rounds()
f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
rounds()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0)
"""


def _faults(with_gridwise: bool, env: dict[str, str]) -> int:
    out = subprocess.run([sys.executable, "-c", _FAULTS, "1" if with_gridwise else "0"],
                         env=env, capture_output=True, text=True, check=True).stdout
    return int(out)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt only")
def test_freed_arrays_are_not_faulted_in_again() -> None:
    without = _faults(False, _env())
    assert without > 10_000  # the defaults fault the pages in again
    assert _faults(True, _env()) < 1000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt only")
def test_an_operators_malloc_setting_is_kept() -> None:
    # the operator's (glibc's default) trim threshold: gridwise leaves it alone
    assert _faults(True, {**_env(), "MALLOC_TRIM_THRESHOLD_": str(128 * 1024)}) > 10_000
