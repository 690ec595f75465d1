"""Shared checks for the intake class tests."""

from __future__ import annotations

from typing import Any

import pytest


def assert_fields(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Every wanted field equals the parsed one (floats within 1 %, lists in any order)."""
    for key, value in want.items():
        if isinstance(value, float):
            assert got[key] == pytest.approx(value, rel=0.01), (key, got[key])
        elif isinstance(value, list):
            assert sorted(got[key]) == sorted(value), (key, got[key])
        else:
            assert got[key] == value, (key, got[key])
