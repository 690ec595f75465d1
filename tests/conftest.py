"""Test-wide fixtures: offline guard, isolated settings, and the ../shared data fixture."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("GRIDWISE_TEST_SHARED", REPO.parent / "shared" / "data"))


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove provider keys and fail any network connection that is not loopback.

    Recorded HTTP (vcrpy cassettes) never reaches the socket layer, so a test that
    trips this guard made an unrecorded call.
    """
    for key in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GRIDWISE_LLM_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (
            host.startswith("127.") or host in ("localhost", "::1") or self.family == socket.AF_UNIX
        ):
            return real_connect(self, address)
        raise RuntimeError(f"unrecorded network call to {address!r} (tests are offline)")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture
def shared_data() -> Path:
    """The real data in ../shared/data; skips with a clear message when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"../shared/data not found at {SHARED_DATA} (set GRIDWISE_TEST_SHARED)")
    return SHARED_DATA


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store loaded from the real data in ../shared/data, once per module (skips without it)."""
    from gridwise.ingest.load import load
    from gridwise.store import Store

    if not SHARED_DATA.is_dir():
        pytest.skip(f"../shared/data not found at {SHARED_DATA}")
    root = tmp_path_factory.mktemp("real")
    store = Store.open(root / "real.duckdb")
    load(store, SHARED_DATA, root / "cache")
    return store


@pytest.fixture(scope="session")
def local_slurm(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real single-node Slurm (slurmctld + slurmd + munged) on loopback for the session.

    Skips with the reason when it cannot run here (not root, Slurm/munge not installed).
    """
    from tools.dispatch.local_slurm import LocalSlurm

    why = LocalSlurm.unavailable()
    if why:
        pytest.skip(f"no local Slurm: {why}")
    cluster = LocalSlurm(tmp_path_factory.mktemp("slurm"),
                         gres={"v10032gb": 8, "t4": 4, "p100": 2})
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The tiny store (`tests.graphkit.tiny_store`) in the test's own folder, closed after.

    A module that needs another store (module-scoped, in memory, its own data) defines
    its own `store`, which takes precedence over this one.
    """
    from tests.graphkit import tiny_store

    s = tiny_store(tmp_path)
    yield s
    s.close()
