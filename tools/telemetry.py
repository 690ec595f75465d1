"""GPU telemetry: live NVML samples into `gpu_metrics`, and reads for the cluster agents.

On a machine without an NVIDIA driver, `nvml_status()` says so plainly ("no NVML: ...")
and collection raises a `UserError` with the reason; nothing is faked.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from gridwise.errors import UserError
from gridwise.store import Store


@dataclass(frozen=True)
class GpuSample:
    """One GPU reading."""

    ts: datetime
    node: str
    gpu: int
    util: float | None
    mem_used_mib: float | None
    power_w: float | None
    temp_c: float | None
    energy_mj: float | None = None  # NVML's cumulative energy counter (since driver load)


def nvml_status() -> str:
    """'nvml: N GPU(s), driver X' or 'no NVML: <why>' (never raises)."""
    try:
        import pynvml
    except ImportError:
        return "no NVML: the nvidia-ml-py package is not installed"
    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError as exc:
        return f"no NVML: {exc}"
    try:
        count = pynvml.nvmlDeviceGetCount()
        driver = pynvml.nvmlSystemGetDriverVersion()
        return f"nvml: {count} GPU(s), driver {driver}"
    finally:
        pynvml.nvmlShutdown()


def sample_nvml(node: str | None = None, errors: list[str] | None = None) -> list[GpuSample]:
    """One reading of every local GPU: util %, memory MiB, power W, temp C, energy mJ.

    A GPU that fails mid-sample (e.g. fallen off the bus) is left out and a reading that
    errors is None; each failure is appended to `errors` ("GPU 1 power: Unknown Error"),
    so the other GPUs' readings are still stored.

    Raises:
        UserError: NVML is not available here (the message gives the reason).
    """
    import pynvml

    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError as exc:
        raise UserError(f"no NVML on this machine: {exc}",
                        "run on a host with an NVIDIA driver, or load recorded metrics") from None
    node = node or socket.gethostname()
    now = datetime.now(UTC).replace(tzinfo=None)
    errors = [] if errors is None else errors
    out = []
    try:
        for i in range(pynvml.nvmlDeviceGetCount()):
            try:
                h = pynvml.nvmlDeviceGetHandleByIndex(i)
            except pynvml.NVMLError as exc:
                errors.append(f"GPU {i}: {exc}")
                continue

            def read(what: str, fn: Any, i: int = i) -> float | None:
                return _try(fn, f"GPU {i} {what}", errors)

            out.append(GpuSample(
                now, node, i,
                read("utilisation", lambda h=h: pynvml.nvmlDeviceGetUtilizationRates(h).gpu),
                read("memory", lambda h=h: pynvml.nvmlDeviceGetMemoryInfo(h).used / 2**20),
                read("power", lambda h=h: pynvml.nvmlDeviceGetPowerUsage(h) / 1000.0),
                read("temperature", lambda h=h: pynvml.nvmlDeviceGetTemperature(
                    h, pynvml.NVML_TEMPERATURE_GPU)),
                read("energy", lambda h=h: pynvml.nvmlDeviceGetTotalEnergyConsumption(h))))
    finally:
        pynvml.nvmlShutdown()
    return out


def _try(read: Any, what: str, errors: list[str]) -> float | None:
    """A reading a GPU does not support is None; one that errors is None and noted."""
    import pynvml

    try:
        return float(read())
    except pynvml.NVMLError_NotSupported:
        return None
    except pynvml.NVMLError as exc:
        errors.append(f"{what}: {exc}")
        return None


def store_samples(store: Store, samples: list[GpuSample], source: str = "nvml") -> int:
    """Append samples to `gpu_metrics` in one transaction; returns the rows written."""
    with store.transaction() as con:
        con.executemany(
            "INSERT INTO gpu_metrics (ts, node, gpu, util, mem_used_mib, power_w, temp_c, "
            "source, energy_mj) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[s.ts, s.node, s.gpu, s.util, s.mem_used_mib, s.power_w, s.temp_c, source,
              s.energy_mj] for s in samples])
    return len(samples)


def collect(store: Store, count: int = 1, interval_s: float = 1.0,
            node: str | None = None, errors: list[str] | None = None) -> int:
    """Sample `count` times, `interval_s` apart, into the store (each sample committed).

    Failures of single GPUs or readings go to `errors`; the rest is stored.
    """
    written = 0
    for k in range(count):
        if k:
            time.sleep(interval_s)
        written += store_samples(store, sample_nvml(node, errors))
    return written


def latest_metrics(conn: duckdb.DuckDBPyConnection, nodes: list[str]) -> dict[str, Any]:
    """Per node, the newest reading of each GPU: mean utilisation and total power."""
    if not nodes:
        return {}
    rows = conn.execute(
        "SELECT node, max(ts) AS ts, avg(util) AS util, sum(power_w) AS power_w, count(*) AS n "
        "FROM (SELECT *, row_number() OVER (PARTITION BY node, gpu ORDER BY ts DESC) AS r "
        "      FROM gpu_metrics WHERE node IN (SELECT unnest(?))) WHERE r = 1 GROUP BY node",
        [nodes]).fetchall()
    return {n: {"ts": ts.isoformat(), "util_pct": u, "power_w": p, "gpus": k}
            for n, ts, u, p, k in rows}
