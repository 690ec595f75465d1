"""The graph's run context: plain settings (JSON-ready), and the live objects built from them.

A LangGraph server passes only JSON as the run context, so `Deps` holds settings alone
(store path, LLM backend and model, an automatic choice), each with a default. The live
objects nodes use (the store, the LLM seam, the cluster agents behind a Beckn transport)
are built from those settings inside the run by `live()`, once per process and setting.

The store is never held for a whole run: a node opens it, works, and closes it
(`Live.store()`), so a server or console holding the graph does not lock the DuckDB file
against the CLI (DuckDB lets one process write a file at a time; `Store.open` waits a
bounded time for the other to finish).

In-process callers (the CLI session, tests, evals) may attach ready live objects to a
context with `build_deps` (a scripted LLM, an in-memory store); a server never does.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from agents.cluster import ClusterAgent, provider_ids
from gridwise.llm import LLMSeam
from gridwise.settings import Settings
from gridwise.store import Store
from tools.beckn.routing import RoutedTransport, open_remote
from tools.beckn.transport import InProcessTransport
from tools.forecast.signals import SignalSource

BAP_ID = "gridwise-coordinator"
BAP_URI = "inproc://gridwise-coordinator"
Choice = Literal["recommended", "cheapest", "fastest", "greenest", "optimal-time", "cancel"]


@dataclass(eq=False)
class Deps:
    """Run settings, injected through `Runtime[Deps]`; every field has a default.

    Attributes:
        db_path: the DuckDB file (default: `GRIDWISE_DB_PATH`, else <home>/gridwise.duckdb).
        home: the working folder (default: `GRIDWISE_HOME`, else `.gridwise`).
        llm: the LLM backend, embedded / endpoint / none (default: `GRIDWISE_LLM`).
        llm_model: the model id for an endpoint, or the embedded model's name.
        auto_choice: answer `present` without asking: a pathway, or "cancel".
    """

    db_path: str | None = None
    home: str | None = None
    llm: Literal["embedded", "endpoint", "none"] | None = None
    llm_model: str | None = None
    auto_choice: Choice | None = None

    def close(self) -> None:
        """Release what the run opened (the Beckn callback server, if any)."""
        attached = _attached.get(self)
        if attached is not None:
            attached.close()

    def settings(self) -> Settings:
        """The process settings (environment, `.env`) with this context's overrides."""
        over: dict[str, Any] = {}
        if self.home:
            over["home"] = Path(self.home)
        if self.db_path:
            over["db_path"] = Path(self.db_path)
        if self.llm:
            over["llm"] = self.llm
        settings = Settings(**over)
        if self.llm_model:
            field = "llm_model" if settings.llm == "endpoint" else "llm_embedded_model"
            settings = settings.model_copy(update={field: self.llm_model})
        return settings


@dataclass
class Live:
    """The live objects of a run, built from `Deps` (or attached by an in-process caller)."""

    settings: Settings
    llm: LLMSeam | None
    providers: list[str]
    held: Store | None = None      # a store the caller keeps open (in-memory tests)
    remote: Any = None             # Beckn HTTP peers (`settings.remote_providers`), if any
    signals: SignalSource | None = None  # what windows are decided on; None: the forecast

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The store for one short piece of work: opened here, closed on leaving."""
        if self.held is not None:
            cursor = Store(self.held.conn.cursor(), self.held.path, self.held.read_only)
            try:
                yield cursor
            finally:
                cursor.conn.close()
            return
        store = Store.open(self.settings.db_file, migrate=False, wait_s=self.settings.db_wait_s)
        try:
            yield store
        finally:
            store.close()

    def transport(self, store: Store) -> RoutedTransport:
        """One cluster agent per local provider on `store`; remote ones over Beckn HTTP."""
        remote_ids = set(self.remote.providers) if self.remote else set()
        agents = {p: ClusterAgent(store, p, carbon_basis=self.settings.carbon_basis,
                                  signals=self.signals)
                  for p in self.providers if p not in remote_ids}
        return RoutedTransport(InProcessTransport({p: a.handle for p, a in agents.items()}),
                               self.remote)

    def close(self) -> None:
        """Stop the Beckn callback server, if remote providers started one."""
        if self.remote is not None:
            RoutedTransport(InProcessTransport({}), self.remote).close()
            self.remote = None


_attached: weakref.WeakKeyDictionary[Deps, Live] = weakref.WeakKeyDictionary()
_built: dict[tuple[Any, ...], Live] = {}
_lock = threading.Lock()


def live(deps: Deps | None) -> Live:
    """The live objects for a run: those attached to `deps`, else built once per setting."""
    deps = deps if deps is not None else Deps()
    attached = _attached.get(deps)
    if attached is not None:
        return attached
    settings = deps.settings()
    key = (str(settings.db_file), settings.llm, settings.llm_model,
           settings.llm_embedded_model, str(settings.source_dir))
    with _lock:
        if key not in _built:
            _built[key] = build_live(settings)
        return _built[key]


def build_live(settings: Settings, llm: LLMSeam | None = None,
               held: Store | None = None) -> Live:
    """Read the providers (one short open) and make the LLM seam unless one is given."""
    if held is not None:
        providers = provider_ids(held)
    else:
        settings.home.mkdir(parents=True, exist_ok=True)
        with Store.open(settings.db_file) as store:   # migrates a new file once
            providers = provider_ids(store)
    if llm is None and settings.llm != "none":
        llm = LLMSeam(settings)
    return Live(settings, llm, providers, held)

    def close(self) -> None:
        """Release what the run opened (the Beckn callback server, if any)."""
        self.transport.close()


def build_deps(store: Store, settings: Settings, llm: LLMSeam | None,
               auto_confirm: bool = False, auto_choice: str | None = None,
               signals: SignalSource | None = None) -> Deps:
    """A context with ready live objects attached (in-process callers and tests).

    A file store is reopened briefly per node (the caller may close its own); an
    in-memory one is shared through cursors. `auto_confirm` confirms the recommended
    pathway; `auto_choice` names another (or "cancel"); with neither, `present`
    interrupts and waits for the operator. `signals`: what the agents decide windows on
    (default: the forecast made at the clock).
    """
    choice = auto_choice or ("recommended" if auto_confirm else None)
    held = store if store.path == ":memory:" else None
    file_settings = settings if held else settings.model_copy(
        update={"db_path": Path(store.path)})
    deps = Deps(db_path=None if held else store.path, home=str(settings.home),
                llm=settings.llm, auto_choice=choice)  # type: ignore[arg-type]
    remote = open_remote(settings) if settings.remote_providers else None
    remote_ids = set(remote.providers) if remote else set()
    providers = sorted(set(provider_ids(store)) | remote_ids)
    _attached[deps] = Live(file_settings, llm, providers, held, remote, signals)
    return deps


def close_built() -> None:
    """Stop what the live objects built by `live()` started (embedded LLM servers).

    A serving process (the console) calls this on shutdown so no llama.cpp server
    outlives it; the next `live()` builds afresh.
    """
    with _lock:
        built = list(_built.values())
        _built.clear()
    for one in built:
        if one.llm is not None:
            one.llm.close()
        one.close()
