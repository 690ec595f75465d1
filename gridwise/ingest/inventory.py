"""On-prem inventory: the openb GPU node list split into clusters by data/onprem_clusters.csv."""

from __future__ import annotations

from pathlib import Path

import duckdb

from gridwise.errors import DataFileError
from gridwise.ingest.sources import POD_HISTORY, read_csv_checked

NODE_COLUMNS = {
    "sn": "VARCHAR", "cpu_milli": "INTEGER", "memory_mib": "BIGINT", "gpu": "INTEGER",
    "model": "VARCHAR",
}


def _refuse_rows(con: duckdb.DuckDBPyConnection, view: str, path: Path, where: str,
                 what: str) -> None:
    """Raise `DataFileError` naming the file when any row of `view` matches `where`."""
    bad = con.execute(f"SELECT count(*) FROM {view} WHERE {where}").fetchone()
    if bad and bad[0]:
        raise DataFileError(path, f"{bad[0]} {what}")


def build_nodes(con: duckdb.DuckDBPyConnection, source_dir: Path) -> str:
    """Temp table `nodes_raw` in the `nodes` table's shape, every GPU fully free."""
    path = source_dir / "openb/openb_node_list_gpu_node.csv"
    if not path.is_file():  # a partial, fetched folder: no on-prem inventory
        con.execute("""CREATE OR REPLACE TEMP TABLE nodes_raw (name VARCHAR, cluster VARCHAR,
                       gpu_model VARCHAR, accelerator VARCHAR, gpu_count INTEGER,
                       cpu_milli INTEGER, memory_mib BIGINT, gpu_free_milli INTEGER[],
                       cpu_free_milli INTEGER, memory_free_mib BIGINT)""")
        return "nodes_raw"
    view = read_csv_checked(con, path, NODE_COLUMNS)
    _refuse_rows(con, view, path, "cpu_milli < 0 OR memory_mib < 0 OR gpu < 0 OR gpu > 64 "
                 "OR sn IS NULL", "node row(s) with negative or absurd capacity")
    unplanned = con.execute(
        f"SELECT DISTINCT model FROM {view} WHERE model NOT IN (SELECT gpu_model FROM b_onprem)"
    ).fetchall()
    if unplanned:
        raise DataFileError(
            path, f"GPU model(s) {[m for (m,) in unplanned]!r} have no cluster",
            "add a row per model to data/onprem_clusters.csv",
        )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE nodes_raw AS
            SELECT v.sn AS name, p.cluster, v.model AS gpu_model, p.accelerator,
                   v.gpu AS gpu_count, v.cpu_milli, v.memory_mib,
                   CAST(list_transform(range(v.gpu), lambda x: 1000) AS INTEGER[])
                       AS gpu_free_milli,
                   v.cpu_milli AS cpu_free_milli, v.memory_mib AS memory_free_mib
            FROM {view} v JOIN b_onprem p ON p.gpu_model = v.model
            ORDER BY v.sn"""
    )
    return "nodes_raw"


POD_COLUMNS = {
    "name": "VARCHAR", "cpu_milli": "INTEGER", "memory_mib": "BIGINT", "num_gpu": "INTEGER",
    "gpu_milli": "INTEGER", "gpu_spec": "VARCHAR", "qos": "VARCHAR", "pod_phase": "VARCHAR",
    "creation_time": "BIGINT", "deletion_time": "BIGINT", "scheduled_time": "BIGINT",
}


def build_workload(con: duckdb.DuckDBPyConnection, source_dir: Path) -> str:
    """Temp table `workload_raw`: the fleet's pod history as classes with pod counts.

    This is the target workload FGD optimises for on-prem (the pod shapes the cluster has
    seen), stored with the data so the agent never reads a source folder at run time.
    """
    path = source_dir / POD_HISTORY
    if not path.is_file():
        con.execute("CREATE OR REPLACE TEMP TABLE workload_raw (cpu_milli INTEGER, "
                    "memory_mib BIGINT, num_gpu INTEGER, gpu_milli INTEGER, gpu_spec VARCHAR, "
                    "pods BIGINT, source VARCHAR)")
        return "workload_raw"
    view = read_csv_checked(con, path, POD_COLUMNS)
    _refuse_rows(con, view, path, "cpu_milli < 0 OR memory_mib < 0 OR num_gpu < 0 "
                 "OR gpu_milli < 0 OR gpu_milli > 1000",
                 "pod row(s) with negative or absurd requests")
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE workload_raw AS
            SELECT cpu_milli, memory_mib, num_gpu, gpu_milli,
                   coalesce(gpu_spec, '') AS gpu_spec, count(*) AS pods, '{POD_HISTORY}' AS source
            FROM {view}
            GROUP BY ALL ORDER BY pods DESC, cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec"""
    )
    return "workload_raw"
