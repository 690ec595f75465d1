"""`gridwise data fetch`: live sources into the source layout `data load` reads, all or nothing.

What is written (under the source folder):
- `carbon/electricitymaps/<ZONE>.fetched.csv`: hourly history (both factor types), merged
  with an earlier fetch of the same zone (new rows win); `data load` merges it with the
  zone's other files.
- `carbon/electricitymaps_forecast/<ZONE>.csv`: the published forecast and when it was made.
- `prices/<MARKET>.fetched.csv`: ENTSO-E day-ahead prices (EUR/MWh), merged like carbon.
- `catalog/<name>.csv`: SkyPilot catalog snapshots (replacing the old snapshot).
- `FETCHED.json`: per file, when it was fetched and from where.
Tokens come from settings and are checked before any request; every answer is held in
memory until all have arrived, so a failure (no network, a refused token) writes nothing.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from gridwise.errors import UnknownNameError, UserError
from gridwise.ingest.live import electricitymaps as em
from gridwise.ingest.live import markets
from gridwise.ingest.series import EM_COLUMNS
from gridwise.ingest.sources import CARBON_ZONES

KINDS = ("carbon", "forecast", "prices", "catalogs")
MANIFEST = "FETCHED.json"
SKY_COLUMNS = ["instance_type", "accelerator_name", "accelerator_count", "vcpus", "memory_gib",
               "gpu_memory_mib_per_accelerator", "price_usd_per_hour",
               "spot_price_usd_per_hour", "region", "availability_zone"]
FORECAST_COLUMNS = ["datetime_utc", "ci_lca_gco2eq_per_kwh", "made_at"]
PRICE_COLUMNS = ["datetime_utc", "price_eur_per_mwh"]


@dataclass
class FetchPlan:
    """What to fetch: kinds, zones, markets and the history period."""

    kinds: tuple[str, ...]
    zones: tuple[str, ...]
    markets: tuple[str, ...]
    start: datetime
    end: datetime


@dataclass
class FetchReport:
    """What a fetch wrote: file -> rows, and when."""

    target: Path
    fetched_at: datetime
    files: dict[str, int] = field(default_factory=dict)


def plan(kinds: list[str], zones: list[str] | None, market_ids: list[str] | None,
         days: int, now: datetime) -> FetchPlan:
    """Check the request before anything is asked of the network.

    Raises:
        UserError: unknown kind, zone or market, or a non-positive period.
    """
    for k in kinds:
        if k not in KINDS:
            raise UnknownNameError("fetch kind", k, KINDS)
    for z in zones or []:
        if z not in CARBON_ZONES:
            raise UnknownNameError("carbon zone", z, CARBON_ZONES)
    for m in market_ids or []:
        if m not in markets.ENTSOE_AREAS:
            raise UnknownNameError("ENTSO-E price market", m, markets.ENTSOE_AREAS)
    if days < 1:
        raise UserError(f"--days {days!r} is not a positive number of days", "use --days 10")
    end = now.replace(minute=0, second=0, microsecond=0)
    return FetchPlan(tuple(kinds), tuple(zones or CARBON_ZONES),
                     tuple(market_ids or markets.ENTSOE_AREAS), end - timedelta(days=days), end)


def check_tokens(p: FetchPlan, em_token: str | None, entsoe_token: str | None) -> None:
    """Raise at once when a kind asked for needs a token that is not set."""
    missing = []
    if {"carbon", "forecast"} & set(p.kinds) and not em_token:
        missing.append("GRIDWISE_ELECTRICITYMAPS_TOKEN (Electricity Maps: carbon history and "
                       "forecast; get one at https://portal.electricitymaps.com)")
    if "prices" in p.kinds and not entsoe_token:
        missing.append("GRIDWISE_ENTSOE_TOKEN (ENTSO-E day-ahead prices; request one from "
                       "transparency@entsoe.eu after registering at "
                       "https://transparency.entsoe.eu)")
    if missing:
        raise UserError("no token for " + " and ".join(m.split(" (")[0] for m in missing),
                        "set " + "; set ".join(missing) + " in the environment or .env, or "
                        "fetch only --what catalogs (public); nothing was fetched")


def _merge(path: Path, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of an earlier fetch at `path`, updated by `rows` (new values win)."""
    old: dict[str, dict[str, Any]] = {}
    if path.is_file():
        with open(path, newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                old[r["datetime_utc"]] = r
    for r in rows:
        key = r["datetime_utc"].strftime("%Y-%m-%d %H:%M:%S")
        old[key] = {**r, "datetime_utc": key}
    return [old[k] for k in sorted(old)]


def collect(p: FetchPlan, em_token: str | None, entsoe_token: str | None, target: Path,
            say: Callable[[str], None]) -> dict[str, tuple[list[str], list[Any]]]:
    """Every file's (header, rows), fetched in memory; nothing is written here."""
    out: dict[str, tuple[list[str], list[Any]]] = {}
    for zone in p.zones if "carbon" in p.kinds else ():
        say(f"Electricity Maps history {zone}")
        key = f"carbon/electricitymaps/{zone}.fetched.csv"
        rows = _merge(target / key, em.history(em_token or "", zone, p.start, p.end))
        out[key] = (list(EM_COLUMNS), rows)
    for zone in p.zones if "forecast" in p.kinds else ():
        say(f"Electricity Maps forecast {zone}")
        made, rows = em.forecast(em_token or "", zone)
        stamp = made.strftime("%Y-%m-%d %H:%M:%S") if made else ""
        out[f"carbon/electricitymaps_forecast/{zone}.csv"] = (FORECAST_COLUMNS, [
            {**r, "datetime_utc": r["datetime_utc"].strftime("%Y-%m-%d %H:%M:%S"),
             "made_at": stamp} for r in rows])
    for market in p.markets if "prices" in p.kinds else ():
        say(f"ENTSO-E day-ahead {market}")
        key = f"prices/{market}.fetched.csv"
        rows = _merge(target / key, markets.day_ahead_prices(entsoe_token or "", market,
                                                              p.start, p.end))
        out[key] = (PRICE_COLUMNS, rows)
    for name in markets.CATALOGS if "catalogs" in p.kinds else ():
        say(f"SkyPilot catalog {name}")
        out[f"catalog/{name}.csv"] = (SKY_COLUMNS, markets.skypilot_catalog(name))
    return out


def _cell(v: Any) -> Any:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    return "" if v is None else v


def write_all(target: Path, files: dict[str, tuple[list[str], list[Any]]], now: datetime,
              sources: dict[str, str]) -> dict[str, int]:
    """Write every file to a temp name first, then move them all into place."""
    staged: list[tuple[Path, Path]] = []
    counts = {}
    try:
        for key, (header, rows) in files.items():
            dest = target / key
            dest.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".fetch-", suffix=".csv", dir=dest.parent)
            with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(header)
                for r in rows:
                    w.writerow([_cell(r.get(h)) for h in header] if isinstance(r, dict) else r)
            staged.append((Path(tmp), dest))
            counts[key] = len(rows)
    except OSError as exc:
        for staged_tmp, _ in staged:
            staged_tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write into {str(target)!r} ({exc})",
                        "pick a writable --source folder; nothing was written") from None
    manifest_path = target / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    for staged_tmp, dest in staged:
        os.replace(staged_tmp, dest)
        key = str(dest.relative_to(target))
        manifest[key] = {"fetched_at": now.isoformat(timespec="seconds") + "Z",
                         "source": sources[key.split("/")[0]], "rows": counts[key]}
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return counts


SOURCES = {"carbon": "Electricity Maps API v3 (api.electricitymaps.com)",
           "prices": "ENTSO-E Transparency Platform via entsoe-py",
           "catalog": "SkyPilot catalog v8 (github.com/skypilot-org/skypilot-catalog)"}


def fetch(target: Path, p: FetchPlan, em_token: str | None, entsoe_token: str | None,
          now: datetime, say: Callable[[str], None] = lambda _m: None) -> FetchReport:
    """Check tokens, fetch everything in memory, then write it all (or nothing)."""
    check_tokens(p, em_token, entsoe_token)
    files = collect(p, em_token, entsoe_token, target, say)
    target.mkdir(parents=True, exist_ok=True)
    return FetchReport(target, now, write_all(target, files, now, SOURCES))
