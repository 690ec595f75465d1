"""`gridwise data load`: sources -> compact Parquet snapshot -> the store, in one transaction.

The snapshot (one Parquet file per table under `cache_dir`, with a manifest of source
hashes) is rebuilt only when a source file changed. Loading replaces every reference
table inside a single transaction, so a failure leaves the previous contents intact;
user tables (jobs, decisions, quotes, orders, eval_runs, gpu_metrics) are never touched.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from gridwise.errors import DataFileError
from gridwise.ingest.bundled import BUNDLED_FILES, load_bundled
from gridwise.ingest.catalog import CANONICAL_SQL, DEDUPE_SQL, build_instance_prices
from gridwise.ingest.inventory import build_nodes, build_workload
from gridwise.ingest.published import read_published, write_published
from gridwise.ingest.series import build_carbon, build_prices
from gridwise.ingest.sources import (
    LICENCES,
    REPO_DATA,
    SourceFile,
    lwa_sources,
    required_sources,
)
from gridwise.ingest.validate import check_catalog, check_row_counts
from gridwise.reference import REFERENCE_TABLES, export_reference, reference_path
from gridwise.store import Store

SNAPSHOT_TABLES = ("instance_prices", "carbon_intensity", "energy_price", "nodes",
                   "placement_workload")
SNAPSHOT_FORMAT = 4  # 3: duplicate catalog rows removed (issue 12); 4: snapshot SHA-256s
Progress = Callable[[str], None]


@dataclass
class LoadReport:
    """What a load did."""

    rebuilt: bool
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    sources: int = 0
    lwa_loaded: bool = False
    state_hold_s: float = 0.0  # how long the state file was held (`ingest.stage`)


def _manifest(files: list[SourceFile]) -> dict[str, object]:
    return {
        "format": SNAPSHOT_FORMAT,
        "sources": {f.key: f.sha256() for f in files},
        "bundled": {
            n: SourceFile(n, "bundled", REPO_DATA / n).sha256() for n in BUNDLED_FILES
        },
    }


def _file_sha256(path: Path) -> str:
    return SourceFile(path.name, "snapshot", path).sha256()


def _snapshot_current(cache_dir: Path, manifest: dict[str, object]) -> bool:
    """Whether the snapshot was built from these sources (and can be reused if intact).

    Raises:
        DataFileError: it was, but a Parquet file no longer matches the SHA-256 recorded
            when it was written (a flipped bit is never reused).
    """
    path = cache_dir / "manifest.json"
    if not path.is_file():
        return False
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(old, dict) or {k: old.get(k) for k in manifest} != manifest:
        return False
    snap = old.get("snapshot")
    hashes = snap if isinstance(snap, dict) else {}
    for t in SNAPSHOT_TABLES:
        file = cache_dir / f"{t}.parquet"
        if not file.is_file():
            return False
        if hashes.get(t) != _file_sha256(file):
            raise DataFileError(file, "does not match the SHA-256 recorded when the snapshot "
                                "was written (check: snapshot hash); nothing was loaded",
                                "run `gridwise data load --rebuild` to rebuild it from the "
                                "sources")
    return True


def build_snapshot(
    source_dir: Path, lwa_dir: Path | None, cache_dir: Path, manifest: dict[str, object],
    progress: Progress,
) -> None:
    """Write the Parquet snapshot atomically (temp folder, then rename)."""
    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".parquet-", dir=cache_dir.parent))
    con = duckdb.connect()
    try:
        load_bundled(con)
        progress("catalogs")
        build_instance_prices(con, source_dir)
        con.execute(f"CREATE TEMP TABLE instance_prices_c AS {CANONICAL_SQL}")
        check_catalog(con, "instance_prices_c", source_dir)
        con.execute(f"CREATE TEMP TABLE instance_prices_d AS {DEDUPE_SQL}")
        progress("carbon intensity")
        build_carbon(con, source_dir, lwa_dir)
        progress("energy prices")
        build_prices(con, source_dir)
        progress("on-prem inventory")
        build_nodes(con, source_dir)
        build_workload(con, source_dir)
        for table, src in (
            ("instance_prices", "instance_prices_d"), ("carbon_intensity", "carbon_raw"),
            ("energy_price", "price_raw"), ("nodes", "nodes_raw"),
            ("placement_workload", "workload_raw"),
        ):
            order = "ORDER BY zone, ts" if table in ("carbon_intensity", "energy_price") else ""
            con.execute(
                f"COPY (SELECT * FROM {src} {order}) TO '{tmp / (table + '.parquet')}' "
                "(FORMAT parquet, COMPRESSION zstd)"
            )
        snapshot = {t: _file_sha256(tmp / f"{t}.parquet") for t in SNAPSHOT_TABLES}
        (tmp / "manifest.json").write_text(json.dumps(manifest | {"snapshot": snapshot},
                                                      indent=1), encoding="utf-8")
        if cache_dir.exists():
            shutil.rmtree(cache_dir)
        tmp.rename(cache_dir)
    finally:
        con.close()
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _read_parquet(store: Store, path: Path) -> str:
    if not path.is_file():
        raise DataFileError(path, "missing from the Parquet snapshot",
                            "run `gridwise data load --rebuild`")
    try:
        store.conn.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    except duckdb.Error as exc:
        raise DataFileError(path, f"corrupt Parquet ({str(exc).splitlines()[0]})",
                            "run `gridwise data load --rebuild`") from None
    return f"read_parquet('{path}')"


def load(
    store: Store,
    source_dir: Path | None,
    cache_dir: Path,
    lwa_dir: Path | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
    allow_fewer_rows: bool = False,
    previous_rows: dict[str, int] | None = None,
    write_reference: bool = True,
) -> LoadReport:
    """Load every reference table into `store` (idempotent; all-or-nothing).

    Every source is validated first (`gridwise.ingest.validate`); with
    `allow_fewer_rows` a source may have fewer rows than at the previous load (the rows
    `store` holds, or `previous_rows`). A file store also gets its reference file unless
    `write_reference` is off (`gridwise.ingest.stage` loads into a staging file).

    Raises:
        DataFileError: a source fails a check (named with the check); nothing is written.
    """
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    say("checking sources")
    files = required_sources(source_dir) + lwa_sources(lwa_dir)
    assert source_dir is not None  # required_sources raised otherwise
    counts = {f.key: _source_rows(f) for f in files}
    if not allow_fewer_rows:
        previous = stored_rows(store) if previous_rows is None else previous_rows
        check_row_counts(counts, previous, {f.key: f.path for f in files})
    published = read_published(source_dir)  # checked before anything is written
    manifest = _manifest(files)
    rebuilt = rebuild or not _snapshot_current(cache_dir, manifest)
    if rebuilt:
        build_snapshot(source_dir, lwa_dir, cache_dir, manifest, say)
    parquet = {t: _read_parquet(store, cache_dir / f"{t}.parquet") for t in SNAPSHOT_TABLES}
    say("writing the store")
    con = store.conn
    load_bundled(con)
    try:
        _write_store(store, parquet, files, manifest, counts)
        write_published(store, published)
    finally:
        _drop_temp_tables(con)
    rows = {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
            for t in REFERENCE_TABLES}
    if write_reference and store.path != ":memory:":  # quotes read it: gridwise.reference
        say("writing the reference file")
        export_reference(con, catalog(con), reference_path(store.path))
    return LoadReport(rebuilt, time.perf_counter() - t0, rows, len(files),
                      bool(lwa_sources(lwa_dir)))


def catalog(con: duckdb.DuckDBPyConnection) -> str:
    """The quoted name of the database `con` opened (for fully qualified names)."""
    row = con.execute("SELECT current_database()").fetchone()
    return '"' + str(row[0] if row else "main").replace('"', '""') + '"'


def stored_rows(store: Store) -> dict[str, int]:
    """Rows per source file at the previous load (empty before the first)."""
    try:
        return {r["name"]: int(r["rows"]) for r in store.rows("SELECT name, rows FROM "
                                                               "data_sources")}
    except duckdb.Error:
        return {}


def _write_store(
    store: Store, parquet: dict[str, str], files: list[SourceFile], manifest: dict[str, object],
    counts: dict[str, int],
) -> None:
    """Replace every reference table in one transaction."""
    con = store.conn
    with store.transaction():
        for table in REFERENCE_TABLES:
            con.execute(f"DELETE FROM {table}")
        con.execute(
            "INSERT INTO accelerators SELECT name, vendor, variant, memory_gb, power_w, "
            "peak_tflops_bf16, consumer, source FROM b_accelerators"
        )
        con.execute("INSERT INTO accelerator_aliases SELECT alias, name FROM b_aliases")
        con.execute("INSERT INTO providers SELECT id, name, kind, pue_source FROM b_providers")
        con.execute("INSERT INTO regions SELECT * FROM b_regions")
        con.execute("INSERT INTO fx_rates SELECT * FROM b_fx")
        for table, src in parquet.items():
            con.execute(f"INSERT INTO {table} SELECT * FROM {src}")
        _insert_clusters(con)
        for f in files:
            rows = counts[f.key]
            con.execute(
                "INSERT INTO data_sources VALUES (?, ?, ?, ?, now()::TIMESTAMP)",
                [f.key, manifest["sources"][f.key], rows, LICENCES[f.group]],  # type: ignore[index]
            )
        for name in BUNDLED_FILES:
            f = SourceFile(name, "bundled", REPO_DATA / name)
            con.execute(
                "INSERT INTO data_sources VALUES (?, ?, ?, ?, now()::TIMESTAMP)",
                [f"data/{name}", manifest["bundled"][name], _source_rows(f),  # type: ignore[index]
                 LICENCES["bundled"]],
            )


def _drop_temp_tables(con: duckdb.DuckDBPyConnection) -> None:
    for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall():
        con.execute(f'DROP TABLE IF EXISTS temp."{name}"')


def _source_rows(f: SourceFile) -> int:
    with open(f.path, "rb") as fh:
        return max(0, sum(1 for _ in fh) - 1)


def _insert_clusters(con: duckdb.DuckDBPyConnection) -> None:
    """Cloud clusters = every (provider, region) with an offer; on-prem from the plan."""
    con.execute(
        """INSERT INTO clusters
           SELECT ip.provider || ':' || ip.region, ip.provider, min(p.kind), ip.region,
                  nullif(r.carbon_zone, ''), nullif(r.price_market, ''), nullif(r.country, ''),
                  nullif(r.area, ''), p.pue, NULL,
                  CASE WHEN bool_or(r.zone_proxy) THEN 'carbon zone is a proxy' END
           FROM instance_prices ip
           JOIN b_providers p ON p.id = ip.provider
           LEFT JOIN b_regions r ON r.provider = ip.provider AND r.region = ip.region
           GROUP BY ip.provider, ip.region, r.carbon_zone, r.price_market, r.country, r.area,
                    p.pue"""
    )
    con.execute(
        """INSERT INTO clusters
           SELECT cluster, 'onprem', 'onprem', min(region), min(carbon_zone), min(price_market),
                  min(country), min(area), min(pue), min(capex_usd_per_gpu_h),
                  string_agg(note, '; ')
           FROM b_onprem GROUP BY cluster"""
    )
