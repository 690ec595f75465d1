"""`data load` on a home in use: build in a staging file, take the state file only to swap.

A load reads and checks every source, builds the snapshot and writes the tables: seconds
of work (16 s cold on the loaded machine). Done in the state database itself, every
`ask` and `decisions list` would wait for all of it. Here the state file is taken twice,
briefly: once to read the previous load's row counts (the row-count check), and once at
the end, when the checked tables are copied in from a staging file beside it in one
transaction and the reference file (written from the staging file, under a temporary
name) is renamed into place. Everything else (validation, snapshot, the tables, the
reference file) happens in the staging file, so a refused load leaves the state file as
it was, and the user tables (decisions, orders, reservations, jobs, ...) are never
touched: only the reference tables are replaced.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from pathlib import Path

from gridwise.ingest.load import LoadReport, Progress, catalog, load, stored_rows
from gridwise.reference import REFERENCE_TABLES, export_reference, reference_path
from gridwise.store import DEFAULT_WAIT_S, Store, open_file


def load_file(db_file: Path | str, source_dir: Path | None, cache_dir: Path,
              lwa_dir: Path | None = None, rebuild: bool = False,
              progress: Progress | None = None, allow_fewer_rows: bool = False,
              wait_s: float = DEFAULT_WAIT_S) -> LoadReport:
    """Load the sources into the state database `db_file`, holding it only to swap.

    Raises:
        DataFileError: a source fails a check; the state file is not changed.
        StoreLockedError: the state file stayed in use longer than `wait_s`.
    """
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    db = Path(db_file)
    held = 0.0
    with Store.open(db, wait_s=wait_s) as state:  # migrated; the previous row counts
        previous = stored_rows(state)
    held += time.perf_counter() - t0
    staging = db.with_name(f".{db.name}.load-{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    ref_tmp: Path | None = None
    try:
        con = open_file(str(staging))   # private: nobody else knows this file
        try:
            store = Store(con, str(staging), read_only=False)
            store.migrate()
            report = load(store, source_dir, cache_dir, lwa_dir, rebuild, say,
                          allow_fewer_rows, previous_rows=previous, write_reference=False)
            say("writing the reference file")
            ref_tmp = export_reference(con, catalog(con), reference_path(db), rename=False)
        finally:
            con.close()
        say("replacing the state's reference tables")
        t1 = time.perf_counter()
        with Store.open(db, wait_s=wait_s) as state:
            _swap_in(state, staging)
            os.replace(ref_tmp, reference_path(db))  # still holding it: no reader refreshes
        held += time.perf_counter() - t1
    finally:
        for path in (staging, Path(f"{staging}.wal"), ref_tmp):
            if path is not None:
                with contextlib.suppress(OSError):
                    path.unlink()
    report.seconds = time.perf_counter() - t0
    report.state_hold_s = held
    return report


def _swap_in(state: Store, staging: Path) -> None:
    """Replace every reference table of `state` with the staging file's, in one transaction."""
    con = state.conn
    quoted = str(staging).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS gw_staged (READ_ONLY)")
    try:
        with state.transaction():
            for table in REFERENCE_TABLES:
                con.execute(f"DELETE FROM main.{table}")
                con.execute(f"INSERT INTO main.{table} BY NAME "
                            f"SELECT * FROM gw_staged.main.{table}")
    finally:
        con.execute("DETACH gw_staged")
