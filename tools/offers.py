"""Offers from the store: every priced cloud instance and every on-prem node shape.

An offer is a place plus a hardware configuration and its price model; quoting turns an
offer into timed, priced, carbon-accounted `Quote`s for one job.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any

import duckdb

from gridwise.price_checks import price_checks


@dataclass(frozen=True)
class Offer:
    """One way to rent or use hardware in one place."""

    cluster: str
    provider: str
    kind: str
    region: str
    country: str | None
    area: str | None
    subarea: str | None
    carbon_zone: str | None
    zone_proxy: bool
    price_market: str | None
    pue: float
    instance_type: str | None
    accelerator: str
    gpus_per_instance: float
    price_usd_per_h: float | None      # per instance; None: no on-demand price
    spot_usd_per_h: float | None       # per instance; None: no spot offer
    capex_usd_per_gpu_h: float | None  # on-prem only: energy is priced by the hour on top
    free_gpus: int | None              # on-prem only: the cluster's GPUs of this shape
                                       # (holds are checked per window when placing)
    source_file: str
    note: str | None
    price_check: str = "ok"            # 'ok' | 'flag' | 'drop' (gridwise.price_checks)
    price_check_reason: str | None = None


_CLOUD_SQL = """
    SELECT c.id, ip.provider, ip.kind, ip.region, c.country, c.area, r.subarea, c.carbon_zone,
           coalesce(r.zone_proxy, false), c.price_market, c.pue, ip.instance_type,
           ip.accelerator, ip.accelerator_count, ip.price_usd_per_h, ip.spot_price_usd_per_h,
           NULL, NULL, ip.source_file, ip.note
    FROM instance_prices ip
    JOIN clusters c ON c.id = ip.provider || ':' || ip.region
    LEFT JOIN regions r ON r.provider = ip.provider AND r.region = ip.region
    WHERE ip.accelerator IS NOT NULL AND ip.accelerator_count > 0
      AND (ip.price_usd_per_h IS NOT NULL OR ip.spot_price_usd_per_h IS NOT NULL)
      {provider}
    ORDER BY ip.provider, ip.region, ip.instance_type, ip.accelerator, ip.accelerator_count,
             ip.price_usd_per_h, ip.spot_price_usd_per_h, ip.source_file, ip.note
"""

_ONPREM_SQL = """
    WITH free AS (
        SELECT cluster, accelerator, gpu_count,
               len(list_filter(gpu_free_milli, lambda m: m = 1000)) AS free
        FROM nodes WHERE accelerator IS NOT NULL
    )
    SELECT c.id, 'onprem', 'onprem', c.region, c.country, c.area, NULL, c.carbon_zone, false,
           c.price_market, c.pue, NULL, f.accelerator, max(f.gpu_count), NULL, NULL,
           c.capex_usd_per_gpu_h, sum(f.free), 'nodes', c.note
    FROM free f JOIN clusters c ON c.id = f.cluster
    GROUP BY c.id, c.region, c.country, c.area, c.carbon_zone, c.price_market, c.pue,
             c.capex_usd_per_gpu_h, c.note, f.accelerator
    ORDER BY c.id, f.accelerator
"""


def load_stamp(conn: duckdb.DuckDBPyConnection) -> str | None:
    """When the reference data was last loaded (changes on every `data load`).

    None when it was not loaded that way (rows written directly, as some tests do).
    """
    try:
        row = conn.execute("SELECT count(*), max(loaded_at) FROM data_sources").fetchone()
    except duckdb.Error:
        return None
    return None if not row or not row[0] else str(row)


#: Offers per (connection, load stamp, provider). Offers are read from reference tables
#: only (`gridwise.reference.REFERENCE_TABLES`: the catalog, clusters, regions, nodes),
#: which change only on `data load`, and a load changes the stamp, so an entry is never
#: stale. Data without a stamp is never memoised. `Offer` is frozen; callers get a copy of
#: the list.
_MEMO: dict[tuple[object, ...], tuple[Offer, ...]] = {}
_MEMO_LIMIT = 32
#: Cluster agents read their provider's offers from one thread each.
_LOCK = threading.Lock()


def load_offers(conn: duckdb.DuckDBPyConnection, provider: str | None = None) -> list[Offer]:
    """Every cloud offer with a price and every on-prem (cluster, accelerator) shape.

    With `provider`, only that provider's offers (`onprem` for the on-prem fleet): a
    cluster agent reads just its own. Each cloud offer carries its catalog plausibility
    verdict (`gridwise.price_checks`); quoting skips dropped rows and flags the others.
    Read once per load of the data (see `_MEMO`).
    """
    stamp = load_stamp(conn)
    key = (id(conn), stamp, provider)
    if stamp is not None:
        with _LOCK:
            hit = _MEMO.get(key)
        if hit is not None:
            return list(hit)
    offers = _read_offers(conn, provider)
    if stamp is not None:
        with _LOCK:
            while len(_MEMO) >= _MEMO_LIMIT:
                _MEMO.pop(next(iter(_MEMO)))
            _MEMO[key] = tuple(offers)
    return offers


def _read_offers(conn: duckdb.DuckDBPyConnection, provider: str | None) -> list[Offer]:
    """`load_offers` from the tables, every time, in one order on every run.

    DuckDB fixes no row order for a join or a GROUP BY (its parallel hash tables), and
    quote order follows offer order, so both are sorted: cloud rows by provider, region,
    instance type and the rest of the row (the reference store may be a view over Parquet,
    which has no rowid), on-prem rows by cluster and accelerator. Unsorted, the quote order
    changed from one process to the next.
    """
    rows: list[tuple[Any, ...]] = []
    if provider is None or provider != "onprem":
        sql = _CLOUD_SQL.format(provider="AND ip.provider = ?" if provider else "")
        rows += conn.execute(sql, [provider] if provider else []).fetchall()
    if provider is None or provider == "onprem":
        rows += conn.execute(_ONPREM_SQL).fetchall()
    offers = [Offer(*row) for row in rows]
    checks = price_checks(conn) if any(o.kind != "onprem" for o in offers) else {}
    for i, o in enumerate(offers):
        c = checks.get((o.provider, o.region, o.instance_type, o.accelerator,
                        o.gpus_per_instance, o.price_usd_per_h))  # type: ignore[arg-type]
        if c is not None and c.verdict != "ok":
            offers[i] = replace(o, price_check=c.verdict, price_check_reason=c.reason)
    return offers
