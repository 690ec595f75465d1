"""Inputs beyond a series' own past that are known at the clock: calendar, prices, other basis.

* Calendar: the target hour's local hour, weekday and public holiday (the `holidays`
  package), per zone at a fixed standard-time offset (DST is ignored: an hour's shift twice a
  year, which the model's hour-of-day and lags absorb).
* Day-ahead prices: a day-ahead market publishes the next local day's hourly prices once a
  day (EPEX/OMIE at ~12:45 CET, CAISO ~13:00 PT, NYISO ~11:00 ET, ERCOT ~13:30 CT, JEPX
  ~10:10 JST). At a clock after the publication hour (rounded up, in UTC) the prices up to the
  end of the next local day are known; before it, to the end of the current local day. The
  cut-off is taken at the earlier of standard/summer time, so no unpublished hour is read.
  Real-time markets (PJM real-time LMP, IESO HOEP, AEMO RRP, Singapore USEP, KPX SMP, CCEE PLD)
  are known only up to the clock: lags only.
* The other carbon basis (direct vs life-cycle): lags only.

`Exog` carries these for one forecast; `known_until` is the publication rule, applied per
training origin as well, so that the model is trained on what each past origin knew.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

#: Day-ahead markets: (publication hour in UTC, rounded up; last known hour of the next local
#: day, as hours after 00:00 UTC of the publication day, exclusive, summer time).
DAY_AHEAD: dict[str, tuple[int, int]] = {
    "DE-LU": (12, 46), "FR": (12, 46), "ES": (12, 46), "NL": (12, 46),
    "US-CAL-CISO": (21, 55), "US-NY-NYIS": (16, 52), "US-TEX-ERCO": (20, 53),
    "JP-TK": (2, 39),
}

#: Zone -> (standard UTC offset in hours, holidays country, subdivision or None).
CALENDARS: dict[str, tuple[int, str, str | None]] = {
    "AU-NSW": (10, "AU", "NSW"), "AU-VIC": (10, "AU", "VIC"), "BR-SP": (-3, "BR", "SP"),
    "BR": (-3, "BR", "SP"), "CA-ON": (-5, "CA", "ON"), "CL-SIC": (-4, "CL", None),
    "DE-LU": (1, "DE", None), "ES": (1, "ES", None), "FR": (1, "FR", None),
    "GB": (0, "GB", None), "IN-WE": (5, "IN", None), "JP-TK": (9, "JP", None),
    "KR": (9, "KR", None), "NL": (1, "NL", None), "NO": (1, "NO", None),
    "SG": (8, "SG", None), "US-CAL-CISO": (-8, "US", "CA"), "US-MIDA-PJM": (-5, "US", "VA"),
    "US-NY-NYIS": (-5, "US", "NY"), "US-TEX-ERCO": (-6, "US", "TX"), "ZA": (2, "ZA", None),
    "DE": (1, "DE", None),
}


@dataclass(frozen=True)
class Exog:
    """Exogenous inputs for one forecast, on the history's hourly grid.

    Attributes:
        zone: the carbon zone or market (picks the calendar).
        t0_h: hours since 1970 of the history's step 0.
        price: the market's price per hour from step 0, NaN where unknown at the clock
            (longer than the history when day-ahead prices reach past the clock).
        market: the price market (its publication rule), or None without prices.
        other: the other carbon basis over the history (lags only), or None.
        published: for a price series, its own values published by the clock (day-ahead
            prices beyond it), which replace the forecast where given; NaN elsewhere.
    """

    zone: str
    t0_h: int
    price: np.ndarray | None = None
    market: str | None = None
    other: np.ndarray | None = None
    published: np.ndarray | None = None

    def trimmed(self, k: int) -> Exog:
        """The same inputs with the first `k` steps dropped (a history trimmed alike)."""
        def cut(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else a[k:]

        return Exog(self.zone, self.t0_h + k, cut(self.price), self.market, cut(self.other),
                    cut(self.published))

    def head(self, k: int) -> Exog:
        """The same inputs cut after step `k`.

        A forecast of `k - len(history)` steps reads no further; the other basis covers the
        history only and is left whole.
        """
        def cut(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else a[:k]

        return Exog(self.zone, self.t0_h, cut(self.price), self.market, self.other,
                    cut(self.published))

    def at_clock(self, clock: int, leads: int) -> Exog:
        """These inputs as known at step `clock`: prices to their publication, lags before."""
        def mask(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else mask_at_clock(a[:clock + leads], self.market,
                                                        self.t0_h, clock)

        return Exog(self.zone, self.t0_h, mask(self.price), self.market,
                    None if self.other is None else self.other[:clock], mask(self.published))

    def digest(self) -> str:
        """A hash of the input values (for cache keys)."""
        import hashlib

        h = hashlib.sha1(self.key().encode())
        for a in (self.price, self.other, self.published):
            if a is not None:
                h.update(np.ascontiguousarray(a).tobytes())
        return h.hexdigest()[:20]

    def key(self) -> str:
        """What distinguishes this input set (not its values) in a cache key."""
        return (f"{self.zone}|{self.market or '-'}|"
                f"{'p' if self.price is not None else ''}{'o' if self.other is not None else ''}")


def known_until(market: str | None, t0_h: int, origins: np.ndarray) -> np.ndarray:
    """Per origin (a step index), the first step whose price is not yet published.

    Real-time markets (and no market): the origin itself (prices up to the clock).
    """
    origins = np.asarray(origins, dtype=np.int64)
    rule = DAY_AHEAD.get(market or "")
    if rule is None:
        return origins.copy()
    gate, end = rule
    absolute = t0_h + origins
    day = absolute // 24 * 24
    after = (absolute % 24) >= gate
    until = day + end - np.where(after, 0, 24)
    return np.maximum(until - t0_h, origins)


def mask_at_clock(price: np.ndarray, market: str | None, t0_h: int, clock: int) -> np.ndarray:
    """`price` with every hour not yet published at step `clock` set to NaN."""
    out = np.asarray(price, dtype=np.float64).copy()
    cut = int(known_until(market, t0_h, np.array([clock]))[0])
    out[cut:] = np.nan
    return out


@lru_cache(maxsize=64)
def _holiday_days(zone: str, first_year: int, last_year: int) -> np.ndarray:
    """Public holidays of the zone's country/region as days since 1970."""
    try:
        import holidays
    except ImportError:  # the calendar still works without holidays
        return np.zeros(0, dtype=np.int64)
    _, country, subdiv = CALENDARS[zone]
    years = range(first_year, last_year + 1)
    try:
        days = holidays.country_holidays(country, subdiv=subdiv, years=years)
    except (NotImplementedError, KeyError):
        days = holidays.country_holidays(country, years=years)
    return np.array(sorted(np.datetime64(d, "D").astype(np.int64) for d in days),
                    dtype=np.int64)


def holiday_flags(zone: str | None, absolute_h: np.ndarray) -> np.ndarray:
    """1.0 where the zone's local day is a public holiday, else 0.

    `calendar_features`' third column, alone: the ridge reads no other column, and making
    the other four cost twice as much again (eleventh session).

    Args:
        zone: picks the offset and holidays (None or a zone without a calendar: all 0).
        absolute_h: hours since 1970 (any shape).
    """
    holiday = np.zeros(absolute_h.shape)
    if zone in CALENDARS and absolute_h.size:
        day = (absolute_h + CALENDARS[zone][0]) // 24
        years = (day.min() // 365 + 1970 - 1, day.max() // 365 + 1970 + 1)
        hol = _holiday_days(zone, int(years[0]), int(years[1]))
        if hol.size:
            holiday = np.isin(day, hol).astype(np.float64)
    return holiday


def calendar_features(zone: str | None, absolute_h: np.ndarray) -> np.ndarray:
    """Local hour, local weekday (Monday 0), holiday flag, and day of year (sin, cos).

    Args:
        zone: picks the offset and holidays (None: UTC, no holidays).
        absolute_h: hours since 1970 (any shape).

    Returns:
        An array of `absolute_h.shape + (5,)`.
    """
    local = absolute_h + (CALENDARS[zone][0] if zone in CALENDARS else 0)
    day = local // 24
    hour = local % 24
    weekday = (day + 3) % 7
    holiday = holiday_flags(zone, absolute_h)
    doy = 2 * np.pi * ((day % 365.25) / 365.25)
    return np.stack([hour, weekday, holiday, np.sin(doy), np.cos(doy)], axis=-1).astype(
        np.float64)


__all__ = ["CALENDARS", "DAY_AHEAD", "Exog", "calendar_features", "holiday_flags", "known_until",
           "mask_at_clock"]
