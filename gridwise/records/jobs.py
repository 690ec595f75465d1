"""Ordered jobs (`jobs`): the only writer of the table."""

from __future__ import annotations

import duckdb

from gridwise.models import JobSpec


def insert_job(con: duckdb.DuckDBPyConnection, order_id: str, job: JobSpec,
               deferred: bool) -> None:
    """Record the job of an order inside the caller's transaction (once per order id).

    A job that starts after the clock is DEFERRED, else SCHEDULED.
    """
    con.execute(
        "INSERT INTO jobs VALUES (?, now()::TIMESTAMP, ?, ?) ON CONFLICT DO NOTHING",
        [order_id, job.model_dump_json(), "DEFERRED" if deferred else "SCHEDULED"])
