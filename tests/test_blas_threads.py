"""gridwise runs BLAS single-threaded unless the operator says otherwise (issue 17, `ask` p50)."""

from __future__ import annotations

import os
import subprocess
import sys

_SHOW = ("import gridwise, numpy, os; print(os.environ['OPENBLAS_NUM_THREADS'])")


def _run(env: dict[str, str]) -> str:
    return subprocess.run([sys.executable, "-c", _SHOW], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_one_blas_thread_by_default() -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _run(env) == "1"


def test_an_operators_setting_is_kept() -> None:
    assert _run({**os.environ, "OPENBLAS_NUM_THREADS": "2"}) == "2"
