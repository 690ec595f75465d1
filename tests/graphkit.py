"""Shared helpers for graph tests: a tiny loaded store and a scripted fake chat model."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from gridwise.ingest.load import load
from gridwise.llm import LLMSeam
from gridwise.settings import Settings
from gridwise.store import Store
from tests.sourcedata import make_source_dir

CLOCK = "2022-03-01T05:00:00"


def tiny_store(root: Path) -> Store:
    """A store in `root/g.duckdb`, loaded from the tiny source tree written under `root`."""
    return _loaded(Store.open(root / "g.duckdb"), root)


def memory_store(root: Path) -> Store:
    """An in-memory store loaded from the tiny source tree written under `root`."""
    return _loaded(Store.open(":memory:"), root)


def _loaded(store: Store, root: Path) -> Store:
    load(store, make_source_dir(root / "src"), root / "cache")
    return store


def fake_seam(replies: Iterable[str], home: Path) -> LLMSeam:
    """An LLM seam whose every role (all enabled) answers with the scripted replies, in order."""
    it = iter([AIMessage(content=r) for r in replies])

    def factory(role: Any) -> GenericFakeChatModel:
        return GenericFakeChatModel(messages=it)

    return LLMSeam(Settings(home=home, llm="embedded", llm_roles="all"), chat_factory=factory)
