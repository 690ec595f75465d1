"""Day-ahead prices from ENTSO-E (entsoe-py) and GPU catalogs from SkyPilot's catalog repo.

ENTSO-E: `EntsoePandasClient.query_day_ahead_prices(area, start, end)` asks the Transparency
Platform (`documentType=A44`) and parses its `Publication_MarketDocument` XML; hourly EUR/MWh.
SkyPilot: the public `catalogs/v8/<cloud>/vms.csv` files (columns InstanceType,
AcceleratorName, AcceleratorCount, vCPUs, MemoryGiB, [StorageGiB,] Price, Region, GpuInfo,
SpotPrice [, AvailabilityZone]) become the source layout's compact catalog rows.
"""

from __future__ import annotations

import ast
import csv
import io
from datetime import datetime
from typing import Any

import requests

from gridwise.ingest.live.http import FetchError, get_text

#: Our market ids -> ENTSO-E bidding zones (entsoe-py area names).
ENTSOE_AREAS = {"DE-LU": "DE_LU", "FR": "FR", "ES": "ES", "NL": "NL"}
CATALOG_URL = ("https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/"
               "catalogs/v8/{cloud}/vms.csv")
#: Source-layout catalog file -> (SkyPilot cloud, row filter on the accelerator name).
CATALOGS = {"lambda": ("lambda", ""), "nebius": ("nebius", ""), "hyperbolic": ("hyperbolic", ""),
            "lium": ("lium", ""), "vast": ("vast", ""), "gcp_tpu_v6e": ("gcp", "tpu-v6e-")}


def day_ahead_prices(token: str, market: str, start: datetime, end: datetime
                     ) -> list[dict[str, Any]]:
    """Hourly day-ahead prices `[start, end)` (naive UTC) as datetime_utc / price_eur_per_mwh."""
    import pandas as pd
    from entsoe import EntsoePandasClient
    from entsoe.exceptions import NoMatchingDataError

    client = EntsoePandasClient(api_key=token, timeout=30)
    try:
        series = client.query_day_ahead_prices(
            ENTSOE_AREAS[market], start=pd.Timestamp(start, tz="UTC"),
            end=pd.Timestamp(end, tz="UTC"))
    except NoMatchingDataError:
        raise FetchError(f"ENTSO-E has no day-ahead prices for {market} in {start:%Y-%m-%d} .. "
                         f"{end:%Y-%m-%d}", "pick a period that has been auctioned; nothing was "
                         "written") from None
    except requests.ConnectionError:
        raise FetchError("cannot reach ENTSO-E (web-api.tp.entsoe.eu): no network",
                         "check the connection, then fetch again; nothing was written") from None
    except requests.HTTPError as exc:
        code = exc.response.status_code if exc.response is not None else "?"
        raise FetchError(f"ENTSO-E refused the request (HTTP {code})",
                         "check GRIDWISE_ENTSOE_TOKEN; nothing was written") from None
    utc = series.tz_convert("UTC")
    rows = [{"datetime_utc": ts.to_pydatetime().replace(tzinfo=None), "price_eur_per_mwh": float(v)}
            for ts, v in utc.items() if start <= ts.to_pydatetime().replace(tzinfo=None) < end]
    return rows


def _gpu_mib(info: str, count: float, cloud: str) -> str:
    """Per-GPU memory (MiB) from SkyPilot's GpuInfo dict text (Vast gives the total)."""
    if not info:
        return ""
    try:
        parsed = ast.literal_eval(info)
        gpus = parsed.get("Gpus") or [{}]
        mib = gpus[0].get("MemoryInfo", {}).get("SizeInMiB")
    except (ValueError, SyntaxError, AttributeError, IndexError):
        return ""
    if mib is None:
        return ""
    return str(int(mib / count) if cloud == "vast" and count else int(mib))


def catalog_rows(text: str, cloud: str, prefix: str) -> list[list[str]]:
    """SkyPilot vms.csv text -> source-layout rows (accelerator rows only)."""
    reader = csv.DictReader(io.StringIO(text))
    need = {"InstanceType", "AcceleratorName", "AcceleratorCount", "Price", "Region"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        raise FetchError(f"the SkyPilot {cloud} catalog has unexpected columns "
                         f"{reader.fieldnames!r}", "its schema changed upstream; nothing was "
                         "written")
    out = []
    for r in reader:
        acc = r.get("AcceleratorName") or ""
        if not acc or (prefix and not acc.startswith(prefix)):
            continue
        count = float(r.get("AcceleratorCount") or 0)
        out.append([r.get("InstanceType") or "", acc, r.get("AcceleratorCount") or "",
                    r.get("vCPUs") or "", r.get("MemoryGiB") or "",
                    _gpu_mib(r.get("GpuInfo") or "", count, cloud), r.get("Price") or "",
                    r.get("SpotPrice") or "", r.get("Region") or "",
                    r.get("AvailabilityZone") or ""])
    return out


def skypilot_catalog(name: str) -> list[list[str]]:
    """One source-layout catalog file's rows, fetched from SkyPilot's catalog repo."""
    cloud, prefix = CATALOGS[name]
    rows = catalog_rows(get_text(CATALOG_URL.format(cloud=cloud), "the SkyPilot catalog"),
                        cloud, prefix)
    if not rows:
        raise FetchError(f"the SkyPilot {cloud} catalog lists no accelerator offers",
                         "nothing was written")
    return rows
