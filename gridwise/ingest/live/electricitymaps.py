"""Electricity Maps API v3: hourly carbon intensity history and forecast, per zone.

Endpoints (header `auth-token`):
- `GET /v3/carbon-intensity/past-range?zone=&start=&end=&emissionFactorType=` answers
  `{"zone", "temporalGranularity", "data": [{"zone", "carbonIntensity", "datetime",
  "updatedAt", "createdAt", "emissionFactorType", "isEstimated", "estimationMethod"}]}`;
  hourly ranges are limited to 10 days a call, so longer spans are split.
- `GET /v3/carbon-intensity/forecast?zone=` answers `{"zone", "forecast": [{"carbonIntensity",
  "datetime"}], "updatedAt"}` (up to 72 h ahead).
Both factor types are asked for (`lifecycle` and `direct`), as the source layout keeps both.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from gridwise.ingest.live.http import get_json

BASE_URL = "https://api.electricitymaps.com/v3"
MAX_RANGE = timedelta(days=10)
#: Our file names -> Electricity Maps zone ids, where they differ (see carbon SOURCE.md).
ZONE_IDS = {"DE-LU": "DE", "BR-SP": "BR-CS", "CL-SIC": "CL-SEN"}


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(t: str) -> datetime:
    return datetime.fromisoformat(t.replace("Z", "+00:00")).replace(tzinfo=None)


def history(token: str, zone: str, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Hourly rows `[start, end)` in the source layout's columns (both factor types).

    Returns:
        rows with datetime_utc, ci_direct_gco2eq_per_kwh, ci_lca_gco2eq_per_kwh,
        low_carbon_pct, renewable_pct (empty: not asked for), estimated, estimation_method.
    """
    zid = ZONE_IDS.get(zone, zone)
    by_hour: dict[datetime, dict[str, Any]] = {}
    t = start
    while t < end:
        stop = min(end, t + MAX_RANGE)
        for factor, col in (("lifecycle", "ci_lca_gco2eq_per_kwh"),
                            ("direct", "ci_direct_gco2eq_per_kwh")):
            body = get_json(f"{BASE_URL}/carbon-intensity/past-range",
                            {"zone": zid, "start": _iso(t), "end": _iso(stop),
                             "emissionFactorType": factor, "temporalGranularity": "hourly"},
                            {"auth-token": token}, "Electricity Maps")
            for p in body.get("data", []):
                ts = _parse(p["datetime"])
                if not start <= ts < end or p.get("carbonIntensity") is None:
                    continue
                row = by_hour.setdefault(ts, {"datetime_utc": ts})
                row[col] = float(p["carbonIntensity"])
                row["estimated"] = bool(p.get("isEstimated")) or row.get("estimated", False)
                row["estimation_method"] = p.get("estimationMethod") or row.get(
                    "estimation_method") or ""
        t = stop
    return [r for _, r in sorted(by_hour.items()) if "ci_lca_gco2eq_per_kwh" in r]


def forecast(token: str, zone: str) -> tuple[datetime | None, list[dict[str, Any]]]:
    """The published forecast: (updatedAt, rows of datetime_utc and ci_lca_gco2eq_per_kwh)."""
    body = get_json(f"{BASE_URL}/carbon-intensity/forecast", {"zone": ZONE_IDS.get(zone, zone)},
                    {"auth-token": token}, "Electricity Maps")
    rows = [{"datetime_utc": _parse(p["datetime"]),
             "ci_lca_gco2eq_per_kwh": float(p["carbonIntensity"])}
            for p in body.get("forecast", []) if p.get("carbonIntensity") is not None]
    made = body.get("updatedAt")
    return (_parse(made) if made else None), rows
