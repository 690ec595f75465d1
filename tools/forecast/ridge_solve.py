"""Weighted ridge solves, one per lead, on a design whose columns are mostly shared by leads.

Most of the ridge's columns (the intercept, the lags, the day mean, the deviations, the
origin's hour) depend on the origin only; a few (the same hour a day and a week before, the
profile, the weekend, the prices) on the lead too. `SplitDesign` keeps the two apart instead
of copying the shared ones into every lead's rows: each lead's Gram matrix X'WX is then one
matrix product over the shared columns' pairwise products for all leads at once, the shared
x own products, and the own columns' small block (the same sums as on the stacked tensor, in
another order: coefficients equal to ~1e-13; eighth session: 2.2 vs 5.6 ms a solve at the
bench clock's shapes, 72 leads x 728 origins x 22 columns, stacking included).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SplitDesign:
    """A design (leads, origins, features) held as shared and per-lead columns.

    Attributes:
        shared: (origins, a) columns every lead has; column 0 is the unpenalised intercept.
        own: (leads, b, origins) each lead's own columns, a column's origins side by side
            (so each product below runs over contiguous rows, and none is copied first).
        order: for each column of the blocks it was made from, its index in
            `[shared | own]`, or -1 where the column is 0 throughout and left out.
        missing: (leads, origins) True where any of a lead's columns was NaN at an origin
            (a missing lag: the row must weigh 0), found in the one NaN scan that zeroes them.
    """

    shared: np.ndarray
    own: np.ndarray
    order: np.ndarray
    missing: np.ndarray

    @classmethod
    def of(cls, blocks: list[np.ndarray], leads: int) -> SplitDesign:
        """Split `blocks` ((origins, k) shared or (leads, origins, k) own) by kind.

        NaN becomes 0: a row with a NaN must weigh 0 in every solve (the caller's weights),
        and 0 x 0 adds nothing where NaN x 0 would spoil the sums. A column that is 0 on
        every row is left out (e.g. the published price of a real-time market): the
        penalty's solution for it is exactly 0 and the others' do not depend on it.
        """
        if blocks[0].ndim != 2:
            raise ValueError("the first block (with the intercept) must be shared by leads")
        n = blocks[0].shape[0]
        shared, s_nan = _finite(np.concatenate([b for b in blocks if b.ndim == 2], axis=1))
        missing = np.broadcast_to(s_nan.any(axis=1), (leads, n))
        s_used = np.asarray(shared.any(axis=0))
        s_used[0] = True  # the intercept stays first (the unpenalised column)
        # each own column as (leads, origins), only those not 0 throughout (a NaN counts
        # as not 0 here; zeroed below, such a column only adds a 0 coefficient)
        cols = [c for b in blocks if b.ndim == 3 for c in np.moveaxis(b, 2, 0)]
        o_used = np.array([bool(c.any()) for c in cols], dtype=bool)
        own = np.zeros((leads, 0, n))
        if o_used.any():  # a column left out is 0 throughout: no NaN in it
            own, o_nan = _finite(np.stack([c for c, u in zip(cols, o_used, strict=True) if u],
                                          axis=1))
            missing = missing | o_nan.any(axis=1)
        # each column's index in [shared | own] once the unused ones are left out (-1)
        s_at = np.where(s_used, np.cumsum(s_used) - 1, -1)
        o_at = np.where(o_used, np.cumsum(o_used) - 1 + s_used.sum(), -1)
        where, i, k = [], 0, 0
        for b in blocks:
            w = b.shape[-1]
            if b.ndim == 2:
                where.append(s_at[i:i + w])
                i += w
            else:
                where.append(o_at[k:k + w])
                k += w
        return cls(shared[:, s_used], own, np.concatenate(where), missing)

    def solve(self, tz: np.ndarray, w: np.ndarray, pen: np.ndarray) -> np.ndarray:
        """Weighted ridge coefficients per lead, (leads, a + b) in `[shared | own]` order.

        Args:
            tz: targets (leads, origins), 0 where unused.
            w: weights (leads, origins), 0 where unused.
            pen: each lead's penalty on every column but the intercept.
        """
        s, o = self.shared, self.own
        leads, a, b = w.shape[0], s.shape[1], o.shape[1]
        up = _upper(a)
        gram = np.empty((leads, a + b, a + b))
        # the shared block for every lead in one product: weights x pairwise column products
        tri = w @ self.pairs
        gram[:, up[0], up[1]] = tri
        gram[:, up[1], up[0]] = tri
        ow = o * w[:, None, :]
        # every lead's own x shared block in one product (one matrix of all leads' own
        # columns, not one small product per lead: 0.68 -> 0.27 ms at the bench's shapes)
        cross = (ow.reshape(leads * b, -1) @ s).reshape(leads, b, a)   # (leads, b, a)
        gram[:, a:, :a] = cross
        gram[:, :a, a:] = cross.transpose(0, 2, 1)
        gram[:, a:, a:] = np.matmul(ow, o.transpose(0, 2, 1))
        wt = w * tz
        xty = np.concatenate([wt @ s, np.matmul(o, wt[..., None])[..., 0]], axis=1)
        penalty = pen[:, None, None] * _penalised(a + b)[None]
        return np.linalg.solve(gram + penalty, xty[..., None])[..., 0]

    @functools.cached_property
    def pairs(self) -> np.ndarray:
        """The shared columns' pairwise products, (origins, a (a + 1) / 2), made once.

        Every solve of the design (the reweighted one too) uses the same.
        """
        up = _upper(self.shared.shape[1])
        return self.shared[:, up[0]] * self.shared[:, up[1]]

    def fitted(self, coef: np.ndarray) -> np.ndarray:
        """The design times `coef` ([shared | own] order): (leads, origins)."""
        a = self.shared.shape[1]
        own = np.matmul(coef[:, None, a:], self.own)[:, 0, :]
        return (self.shared @ coef[:, :a].T).T + own

    def in_blocks_order(self, coef: np.ndarray) -> np.ndarray:
        """`coef` ([shared | own] order) in the order of the blocks the design was made of.

        The columns left out get 0.
        """
        padded = np.concatenate([coef, np.zeros((coef.shape[0], 1))], axis=1)
        return padded[:, self.order]  # -1: the zero column appended


@functools.lru_cache(maxsize=16)
def _upper(a: int) -> tuple[np.ndarray, np.ndarray]:
    """`np.triu_indices(a)`, made once per size (every solve asked again: 5 % of a fit)."""
    rows, cols = np.triu_indices(a)
    rows.flags.writeable = cols.flags.writeable = False
    return rows, cols


@functools.lru_cache(maxsize=16)
def _penalised(k: int) -> np.ndarray:
    """The identity of size `k` without its first 1: the intercept is not shrunk (made once)."""
    eye = np.eye(k)
    eye[0, 0] = 0.0
    eye.flags.writeable = False
    return eye


def _finite(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`a` with NaN as 0 (in place: `a` is a fresh concatenation), and where NaN was."""
    nan = np.isnan(a)
    a[nan] = 0.0
    return a, nan
