"""The reference file: what `data load` writes, read by any number of processes at once.

Quoting reads offers, the catalog, carbon and price series, the fleet and its workload:
the reference tables. They change only when `data load` runs, so besides the state
database (`gridwise.duckdb`) they are written to a file of their own,
`gridwise.reference.duckdb`, which nobody ever opens for writing: `data load` builds a new
one under a temporary name and renames it into place (`os.replace`, atomic). DuckDB lets
any number of processes open a file read-only together when no process holds it for
writing, and a reader that has it open keeps reading the file it opened (the old inode)
while a new one is renamed in, so quoting never waits for another process and a load
never disturbs a quote in flight.

The file carries the fingerprint of the load it was made from (the `data_sources` rows);
a reader that finds it missing or older than the state database's load writes it again
from the state database (an upgraded home, or a load killed between its commit and the
rename).
"""

from __future__ import annotations

import fcntl
import os
import uuid
from pathlib import Path

import duckdb

#: Tables `data load` replaces; they are copied to the reference file.
REFERENCE_TABLES = (
    "accelerators", "accelerator_aliases", "providers", "regions", "fx_rates", "clusters",
    "nodes", "instance_prices", "carbon_intensity", "energy_price", "data_sources",
    "placement_workload", "published_forecast",
)


def reference_path(db_file: Path | str) -> Path:
    """Where the reference file of the state database `db_file` lives (beside it)."""
    return Path(db_file).with_suffix(".reference.duckdb")


def fingerprint(con: duckdb.DuckDBPyConnection, catalog: str) -> str:
    """The load a database holds: a hash of its `data_sources` rows ('' before any load)."""
    row = con.execute(
        "SELECT coalesce(md5(string_agg(concat_ws('|', name, sha256, rows, loaded_at), ';' "
        f"ORDER BY name)), '') FROM {catalog}.main.data_sources").fetchall()
    return str(row[0][0]) if row else ""


def stored_fingerprint(con: duckdb.DuckDBPyConnection, catalog: str) -> str | None:
    """The fingerprint a reference file was written with (None: not a reference file)."""
    try:
        rows = con.execute(f"SELECT fingerprint FROM {catalog}.main.reference_meta").fetchall()
    except duckdb.Error:
        return None
    return str(rows[0][0]) if rows else None


def export_reference(con: duckdb.DuckDBPyConnection, catalog: str, path: Path,
                     rename: bool = True) -> Path:
    """Write the reference tables of `catalog` (attached to `con`) to `path`, atomically.

    A new file is written under a temporary name beside `path`, checkpointed, closed and
    renamed over `path`; readers of the old file keep reading it. Without `rename` the
    file is left under its temporary name (returned) for the caller to rename.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    quoted = str(tmp).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS gw_ref_out")
    try:
        for table in REFERENCE_TABLES:
            con.execute(f"CREATE TABLE gw_ref_out.main.{table} AS "
                        f"SELECT * FROM {catalog}.main.{table}")
        con.execute("CREATE TABLE gw_ref_out.main.reference_meta AS SELECT ? AS fingerprint, "
                    "now()::TIMESTAMP AS written_at", [fingerprint(con, catalog)])
        con.execute("CHECKPOINT gw_ref_out")
    except BaseException:
        con.execute("DETACH gw_ref_out")
        tmp.unlink(missing_ok=True)
        raise
    con.execute("DETACH gw_ref_out")
    Path(f"{tmp}.wal").unlink(missing_ok=True)
    if rename:
        os.replace(tmp, path)
    return tmp


def refresh_reference(con: duckdb.DuckDBPyConnection, state_catalog: str, path: Path) -> bool:
    """Rewrite `path` from the state database if it is missing or from another load.

    One process rewrites at a time (a lock file beside it); the others find it current.
    Returns whether this call wrote it.
    """
    want = fingerprint(con, state_catalog)
    if reference_current(con, path, want):
        return False
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if reference_current(con, path, want):
                return False
            export_reference(con, state_catalog, path)
            return True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def reference_current(con: duckdb.DuckDBPyConnection, path: Path, want: str) -> bool:
    """Whether the reference file at `path` exists and was written from load `want`."""
    if not path.exists():
        return False
    quoted = str(path).replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS gw_ref_check (READ_ONLY)")
    except duckdb.Error:
        return False  # damaged: write it again
    try:
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'gw_ref_check'"
        ).fetchall()}
        # an older schema's file (a table added since) is written again too
        return stored_fingerprint(con, "gw_ref_check") == want and tables >= set(
            REFERENCE_TABLES)
    finally:
        con.execute("DETACH gw_ref_check")
