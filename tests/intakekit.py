"""Shared checks for the intake class tests."""

from __future__ import annotations

from typing import Any

import pytest

from tools.catalog_limits import Placement


def assert_fields(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Every wanted field equals the parsed one (floats within 1 %, lists in any order)."""
    for key, value in want.items():
        if isinstance(value, float):
            assert got[key] == pytest.approx(value, rel=0.01), (key, got[key])
        elif isinstance(value, list):
            assert sorted(got[key]) == sorted(value), (key, got[key])
        else:
            assert got[key] == value, (key, got[key])


def asked(parsed: Any) -> set[str]:
    """The fields a parsed request asks about."""
    return {q["field"] for q in parsed.problems}


def placement(provider: str, region: str, country: str, area: str | None = None,
              zone: str | None = None) -> Placement:
    """A catalog placement for hand-made `CatalogLimits` (id `provider:region`)."""
    return Placement(provider, region, f"{provider}:{region}", country, area, None, zone)
