"""The self-authored tables shipped in the repository's `data/` folder."""

from __future__ import annotations

from pathlib import Path

import duckdb

from gridwise.ingest.sources import REPO_DATA, read_csv_checked
from gridwise.names import spelling_key

ACCELERATOR_COLUMNS = {
    "name": "VARCHAR", "vendor": "VARCHAR", "variant": "VARCHAR", "memory_gb": "DOUBLE",
    "power_w": "DOUBLE", "peak_tflops_bf16": "DOUBLE", "consumer": "BOOLEAN",
    "aliases": "VARCHAR", "source": "VARCHAR",
}
PROVIDER_COLUMNS = {
    "id": "VARCHAR", "name": "VARCHAR", "kind": "VARCHAR", "pue": "DOUBLE",
    "pue_source": "VARCHAR",
}
REGION_COLUMNS = {
    "provider": "VARCHAR", "region": "VARCHAR", "country": "VARCHAR", "area": "VARCHAR",
    "subarea": "VARCHAR", "carbon_zone": "VARCHAR", "zone_proxy": "BOOLEAN",
    "price_market": "VARCHAR", "market_proxy": "BOOLEAN",
}
FX_COLUMNS = {"currency": "VARCHAR", "usd_per_unit": "DOUBLE", "as_of": "DATE", "source": "VARCHAR"}
ONPREM_COLUMNS = {
    "cluster": "VARCHAR", "gpu_model": "VARCHAR", "accelerator": "VARCHAR", "region": "VARCHAR",
    "country": "VARCHAR", "area": "VARCHAR", "carbon_zone": "VARCHAR",
    "price_market": "VARCHAR", "pue": "DOUBLE", "capex_usd_per_gpu_h": "DOUBLE",
    "note": "VARCHAR",
}
BUNDLED_FILES = ("accelerators.csv", "providers.csv", "regions.csv", "fx_rates.csv",
                 "onprem_clusters.csv")


def load_bundled(con: duckdb.DuckDBPyConnection, data_dir: Path = REPO_DATA) -> None:
    """Create the temp tables `b_*` in `con` from the repository's CSVs.

    `b_accelerators`, `b_aliases`, `b_providers`, `b_regions`, `b_fx` and `b_onprem`; every
    file is typed and header-checked.
    """
    acc = read_csv_checked(con, data_dir / "accelerators.csv", ACCELERATOR_COLUMNS)
    con.execute(f"CREATE OR REPLACE TEMP TABLE b_accelerators AS SELECT * FROM {acc}")
    aliases: dict[str, str] = {}
    for name, alias_list in con.execute(f"SELECT name, aliases FROM {acc}").fetchall():
        for spelling in [name, *filter(None, (alias_list or "").split("|"))]:
            aliases.setdefault(spelling_key(spelling), name)
    con.execute("CREATE OR REPLACE TEMP TABLE b_aliases (alias VARCHAR, name VARCHAR)")
    con.executemany("INSERT INTO b_aliases VALUES (?, ?)", sorted(aliases.items()))
    for table, file, cols in (
        ("b_providers", "providers.csv", PROVIDER_COLUMNS),
        ("b_regions", "regions.csv", REGION_COLUMNS),
        ("b_fx", "fx_rates.csv", FX_COLUMNS),
        ("b_onprem", "onprem_clusters.csv", ONPREM_COLUMNS),
    ):
        view = read_csv_checked(con, data_dir / file, cols)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {view}")
