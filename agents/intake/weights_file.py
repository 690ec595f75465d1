"""Read the weights file of one of intake's learned models, refusing a stale one.

The attack detector and the clarification check each ship an `.npz` beside their module,
written by a trainer under `evals/`: a weight vector of a fixed width plus named scalars
(bias, thresholds). A file from before the width changed is refused with the command
that rewrites it, rather than read into a wrong-sized dot product.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def read_weights(path: Path, dim: int, trainer: str, *scalars: str
                 ) -> tuple[np.ndarray, list[float]]:
    """The weight vector and the named scalars of a weights file.

    Args:
        path: the `.npz` file.
        dim: how many weights the reading model has.
        trainer: the module that writes the file (named in the error).
        scalars: names of the scalar entries to return, in order.

    Raises:
        ValueError: the file's weights do not have `dim` columns (a stale file).
    """
    with np.load(path) as f:
        weights = f["weights"]
        if weights.shape != (dim,):
            raise ValueError(f"{path} has {weights.shape} weights, want ({dim},): "
                             f"retrain with `python -m {trainer}`")
        return weights, [float(f[name]) for name in scalars]
