"""Price catalogs -> `instance_prices` rows (one per offer, full-VM prices).

Rules (data/README.md has the why):
- GCP GPU VMs are priced as host row + accelerator row in the same region: a2/a3/a4/g2
  hosts name their accelerator in the note; T4/P4/P100/V100 attach to an n1-standard host
  with 8 vCPUs per GPU (at most 96).
- GCP TPU slices are priced whole; v6e comes from its own complete file only.
  TPU counts are chips: v6e-N and v5litepod-N have N chips, v2/v3/v4/v5p-N have N/2.
- 700.0 in a GCP row is SkyPilot's "unavailable" placeholder, and Vast's 0.00 spot means
  "no interruptible offer": both become NULL.
- Rows that repeat one offer (the v6e file lists a slice once per zone, so up to three
  times per region) are kept once (`DEDUPE_SQL`); prices that differ by zone stay apart.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from gridwise.errors import DataFileError
from gridwise.ingest.sources import CATALOG_FILES, read_csv_checked

SKY_COLUMNS = {
    "instance_type": "VARCHAR", "accelerator_name": "VARCHAR", "accelerator_count": "DOUBLE",
    "vcpus": "DOUBLE", "memory_gib": "DOUBLE", "gpu_memory_mib_per_accelerator": "DOUBLE",
    "price_usd_per_hour": "DOUBLE", "spot_price_usd_per_hour": "DOUBLE", "region": "VARCHAR",
    "availability_zone": "VARCHAR",
}
HYPERSCALER_COLUMNS = {
    "provider": "VARCHAR", "region": "VARCHAR", "instance_type": "VARCHAR",
    "accelerator": "VARCHAR", "accelerator_count": "DOUBLE", "vcpus": "DOUBLE",
    "memory_gib": "DOUBLE", "price_usd_per_hour": "DOUBLE", "spot_price_usd_per_hour": "DOUBLE",
    "source_repo": "VARCHAR", "source_path": "VARCHAR", "source_commit": "VARCHAR",
    "note": "VARCHAR",
}
SKY_PROVIDER = {
    "lambda": ("lambda", "cloud"), "nebius": ("nebius", "cloud"),
    "hyperbolic": ("hyperbolic", "marketplace"), "vast": ("vast", "marketplace"),
    "lium": ("lium", "decentralised"), "gcp_tpu_v6e": ("gcp", "tpu"),
}
GCP_UNAVAILABLE = 700.0
N1_ATTACHABLE = ("T4", "P4", "P100", "V100")

_OUT = """provider, kind, region, zone, instance_type, accelerator_raw, accelerator_count,
          vcpus, memory_gib, gpu_memory_gb, price_usd_per_h, spot_price_usd_per_h,
          source_file, note"""


def _sky_select(view: str, name: str) -> str:
    provider, kind = SKY_PROVIDER[name]
    unavailable = f"= {GCP_UNAVAILABLE}" if provider == "gcp" else "IS NULL AND false"
    return f"""
        SELECT '{provider}', '{kind}', region, nullif(availability_zone, ''),
               nullif(instance_type, ''), accelerator_name, accelerator_count, vcpus,
               memory_gib, gpu_memory_mib_per_accelerator / 1024.0,
               CASE WHEN price_usd_per_hour {unavailable} THEN NULL ELSE price_usd_per_hour END,
               CASE WHEN spot_price_usd_per_hour {unavailable} OR spot_price_usd_per_hour <= 0
                    THEN NULL ELSE spot_price_usd_per_hour END,
               'catalog/{name}.csv',
               CASE WHEN price_usd_per_hour {unavailable}
                    THEN 'placeholder 700.0 = unavailable' END
        FROM {view}"""


def _hyperscaler_select(view: str) -> str:
    na = f"= {GCP_UNAVAILABLE}"
    acc = f"(SELECT * FROM {view} WHERE provider = 'gcp' AND coalesce(instance_type, '') = '')"
    host = f"""(SELECT *, regexp_extract(note, 'add accelerator row (\\S+) x(\\d+)', 1) AS imp_acc,
                  TRY_CAST(regexp_extract(note, 'add accelerator row (\\S+) x(\\d+)', 2) AS INT)
                  AS imp_n
               FROM {view} WHERE provider = 'gcp' AND coalesce(instance_type, '') <> '')"""
    attachable = ", ".join(f"'{a}'" for a in N1_ATTACHABLE)

    def gcp_price(col: str) -> str:
        return (f"CASE WHEN a.{col} {na} OR h.{col} IS NULL OR a.{col} IS NULL THEN NULL "
                f"ELSE h.{col} + a.{col} END")

    return f"""
        SELECT provider, 'cloud',
               region, NULL, instance_type, coalesce(accelerator, ''),
               coalesce(accelerator_count, 0),
               vcpus, memory_gib, NULL, price_usd_per_hour, spot_price_usd_per_hour,
               'catalog/hyperscalers.csv', note
        FROM {view} WHERE provider IN ('aws', 'azure')
        UNION ALL
        SELECT 'gcp', 'cloud', h.region, NULL, h.instance_type, a.accelerator,
               a.accelerator_count, h.vcpus, h.memory_gib, NULL,
               {gcp_price('price_usd_per_hour')}, {gcp_price('spot_price_usd_per_hour')},
               'catalog/hyperscalers.csv', 'host + accelerator rows'
        FROM {host} h JOIN {acc} a
          ON a.region = h.region AND a.accelerator = h.imp_acc AND a.accelerator_count = h.imp_n
        UNION ALL
        SELECT 'gcp', 'cloud', a.region, NULL, h.instance_type, a.accelerator,
               a.accelerator_count, h.vcpus, h.memory_gib, NULL,
               {gcp_price('price_usd_per_hour')}, {gcp_price('spot_price_usd_per_hour')},
               'catalog/hyperscalers.csv', 'n1 host (8 vCPU per GPU) + accelerator rows'
        FROM {acc} a JOIN {host} h
          ON h.region = a.region
         AND h.instance_type = 'n1-standard-' || CAST(least(96, 8 * a.accelerator_count) AS INT)
        WHERE a.accelerator IN ({attachable})
        UNION ALL
        SELECT 'gcp', 'tpu', region, NULL, NULL, accelerator, 1, NULL, NULL, NULL,
               CASE WHEN price_usd_per_hour {na} THEN NULL ELSE price_usd_per_hour END,
               CASE WHEN spot_price_usd_per_hour {na} THEN NULL ELSE spot_price_usd_per_hour END,
               'catalog/hyperscalers.csv', 'TPU slice'
        FROM {acc} WHERE accelerator LIKE 'tpu-%' AND accelerator NOT LIKE 'tpu-v6e-%'"""


def build_instance_prices(con: duckdb.DuckDBPyConnection, source_dir: Path) -> str:
    """Create temp table `instance_prices_raw` from every catalog file; returns its name.

    Accelerator names are left raw here; `CANONICAL_SQL` maps them with the bundled aliases.
    """
    # (a file is absent only in a partial, fetched folder: `required_sources` checked)
    selects = []
    if (source_dir / "catalog/hyperscalers.csv").is_file():
        selects.append(_hyperscaler_select(read_csv_checked(
            con, source_dir / "catalog/hyperscalers.csv", HYPERSCALER_COLUMNS)))
    for name in CATALOG_FILES:
        if not (source_dir / f"catalog/{name}.csv").is_file():
            continue
        view = read_csv_checked(con, source_dir / f"catalog/{name}.csv", SKY_COLUMNS)
        selects.append(_sky_select(view, name))
    if not selects:
        raise DataFileError(source_dir / "catalog", "holds no price catalog",
                            "run `gridwise data fetch --what catalogs` (no token needed)")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE instance_prices_raw AS "
        f"SELECT * FROM ({' UNION ALL '.join(selects)}) AS t({_OUT})"
    )
    return "instance_prices_raw"


CANONICAL_SQL = """
    WITH tpu AS (
        SELECT *,
               regexp_extract(accelerator_raw, '^tpu-(v[0-9a-z]+)-([0-9]+)$', 1) AS gen,
               TRY_CAST(regexp_extract(accelerator_raw, '^tpu-(v[0-9a-z]+)-([0-9]+)$', 2) AS INT)
                   AS size
        FROM instance_prices_raw
    )
    SELECT t.provider, t.kind, t.region, t.zone, t.instance_type, t.accelerator_raw,
           CASE WHEN t.gen <> '' THEN
                    CASE t.gen WHEN 'v5litepod' THEN 'TPU-v5e' ELSE 'TPU-' || t.gen END
                ELSE al.name END AS accelerator,
           CASE WHEN t.gen IN ('v6e', 'v5litepod') THEN t.size
                WHEN t.gen <> '' THEN t.size / 2
                ELSE t.accelerator_count END AS accelerator_count,
           t.vcpus, t.memory_gib,
           coalesce(t.gpu_memory_gb, acc.memory_gb) AS gpu_memory_gb,
           t.price_usd_per_h, t.spot_price_usd_per_h, t.source_file, t.note
    FROM tpu t
    LEFT JOIN b_aliases al
           ON al.alias = regexp_replace(lower(t.accelerator_raw), '[^a-z0-9]', '', 'g')
    LEFT JOIN b_accelerators acc
           ON acc.name = CASE WHEN t.gen <> '' THEN
                    CASE t.gen WHEN 'v5litepod' THEN 'TPU-v5e' ELSE 'TPU-' || t.gen END
                ELSE al.name END
"""


#: One row per (provider, region, instance, accelerator, count, prices); the first zone kept.
DEDUPE_SQL = """
    SELECT * FROM instance_prices_c
    QUALIFY row_number() OVER (
        PARTITION BY provider, region, instance_type, accelerator_raw, accelerator_count,
                     price_usd_per_h, spot_price_usd_per_h
        ORDER BY zone NULLS LAST, source_file) = 1
    ORDER BY provider, region, instance_type NULLS FIRST, accelerator_raw, accelerator_count,
             price_usd_per_h NULLS LAST, zone NULLS LAST
"""
