"""The graph's run context: plain settings (JSON-ready), and the live objects built from them.

A LangGraph server passes only JSON as the run context, so `Deps` holds settings alone
(store path, LLM backend and model, an automatic choice), each with a default. The live
objects nodes use (the store, the LLM seam, the cluster agents behind a Beckn transport)
are built from those settings inside the run by `live()`, once per process and setting.

The store is never held for a whole run: every use goes through one
`gridwise.store_access.StoreAccess`: a node takes the state database for one short piece
of work (`Live.store()`), and quotes from a private in-memory database over the read-only
reference file (`Live.reference()`), so fifty `ask`s, a server or a console do not lock
one another out (DuckDB lets one process write a file at a time; an open waits a bounded
time for the other to finish).

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

from agents.cluster import ClusterAgent
from gridwise.llm import LLMSeam
from gridwise.settings import Settings
from gridwise.store import Store
from gridwise.store_access import StoreAccess
from tools.beckn.routing import RoutedTransport, open_remote
from tools.beckn.transport import InProcessTransport
from tools.forecast.signals import ForecastSignals, SignalSource
from tools.offers import load_offers

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
    access: StoreAccess            # the one way to the store (short uses, reference reads)
    remote: Any = None             # Beckn HTTP peers (`settings.remote_providers`), if any
    signals: SignalSource | None = None  # what windows are decided on; None: the forecast
    fleets: frozenset[str] = frozenset()  # providers with on-prem offers (read GPU holds)

    def __post_init__(self) -> None:
        if self.signals is None:  # the forecast at the clock, kept on disk for the next run
            self.signals = ForecastSignals(folder=self.settings.home / "forecasts")

    @contextmanager
    def store(self, read_only: bool = False) -> Iterator[Store]:
        """The state database for one short piece of work: opened here, closed on leaving."""
        with self.access.state(read_only=read_only) as store:
            yield store

    @contextmanager
    def reference(self, copy: dict[str, tuple[str, list[Any]]] | None = None,
                  ) -> Iterator[Store]:
        """A private read-only view of the reference data plus the state rows in `copy`."""
        with self.access.reference(copy) as store:
            yield store

    def transport(self, store: Store, remember: Any = None) -> RoutedTransport:
        """One cluster agent per local provider on `store`; remote ones over Beckn HTTP.

        `remember`: where the agents put what a search offered (`ClusterAgent.remember`),
        when `store` is a read-only view; None: `store` itself.
        """
        remote_ids = set(self.remote.providers) if self.remote else set()
        agents = {p: ClusterAgent(store, p, carbon_basis=self.settings.carbon_basis,
                                  signals=self.signals, remember=remember)
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


def build_live(settings: Settings, llm: LLMSeam | None = None) -> Live:
    """Read the providers (one short use) and make the LLM seam unless one is given."""
    settings.home.mkdir(parents=True, exist_ok=True)
    access = StoreAccess(settings.db_file, settings.db_wait_s)
    providers, fleets = _providers(access)   # (creates and migrates a new file once)
    if llm is None and settings.llm != "none":
        llm = LLMSeam(settings)
    return Live(settings, llm, providers, access, fleets=fleets)


def _providers(access: StoreAccess) -> tuple[list[str], frozenset[str]]:
    """Every provider with offers, and those with on-prem offers."""
    with access.reference() as ref:
        offers = load_offers(ref.conn)
    return (sorted({o.provider for o in offers}),
            frozenset(o.provider for o in offers if o.kind == "onprem"))


def build_deps(store: Store | StoreAccess, settings: Settings, llm: LLMSeam | None,
               auto_confirm: bool = False, auto_choice: str | None = None,
               signals: SignalSource | None = None) -> Deps:
    """A context with ready live objects attached (in-process callers and tests).

    A file store is taken briefly per piece of work (`StoreAccess`; the caller may close
    its own); an in-memory one is shared through cursors. `auto_confirm` confirms the recommended
    pathway; `auto_choice` names another (or "cancel"); with neither, `present`
    interrupts and waits for the operator. `signals`: what the agents decide windows on
    (default: the forecast made at the clock).
    """
    choice = auto_choice or ("recommended" if auto_confirm else None)
    access = store if isinstance(store, StoreAccess) else StoreAccess.of(
        store, settings.db_wait_s)
    held = access.held is not None
    file_settings = settings if held else settings.model_copy(
        update={"db_path": Path(access.db_file)})
    deps = Deps(db_path=None if held else access.db_file, home=str(settings.home),
                llm=settings.llm, auto_choice=choice)  # type: ignore[arg-type]
    remote = open_remote(settings) if settings.remote_providers else None
    remote_ids = set(remote.providers) if remote else set()
    local, fleets = _providers(access)
    providers = sorted(set(local) | remote_ids)
    _attached[deps] = Live(file_settings, llm, providers, access, remote, signals, fleets)
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
