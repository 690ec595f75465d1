"""The ridge's holiday column, made alone, is `calendar_features`' holiday column."""

from __future__ import annotations

import numpy as np
import pytest

from tools.forecast.exog import CALENDARS, calendar_features, holiday_flags
from tools.forecast.ridge_solve import _upper

#: 2022-12-20 00:00 UTC to 2023-01-10, hours since 1970 (Christmas, New Year, Epiphany).
HOURS = np.arange(464_304, 464_304 + 21 * 24)


@pytest.mark.parametrize("zone", [*sorted(CALENDARS), None, "XX-NOWHERE"])
def test_holiday_flags_are_the_calendars_holiday_column(zone: str | None) -> None:
    np.testing.assert_array_equal(holiday_flags(zone, HOURS),
                                  calendar_features(zone, HOURS)[:, 2])


def test_a_holiday_is_flagged_in_local_time_and_an_ordinary_day_is_not() -> None:
    flags = holiday_flags("FR", HOURS)  # UTC+1: Christmas is 23:00 UTC Dec 24 to 23:00 Dec 25
    dec24 = 4 * 24
    assert not flags[dec24 + 22] and flags[dec24 + 23]
    assert flags[dec24 + 24 + 22] and not flags[dec24 + 24 + 23]
    assert not flags[:dec24 + 23].any()  # 20-24 December (UTC, until 23:00): no holiday
    # zones without a calendar, and no hours at all: nothing flagged, shapes kept
    assert not holiday_flags(None, HOURS).any() and not holiday_flags("XX", HOURS).any()
    assert holiday_flags("FR", HOURS[:0]).shape == (0,)


def test_upper_indices_are_triu_and_read_only() -> None:
    for a in (1, 5, 15):
        for got, want in zip(_upper(a), np.triu_indices(a), strict=True):
            np.testing.assert_array_equal(got, want)
    with pytest.raises(ValueError):
        _upper(5)[0][0] = 1  # shared by every solve: never written
