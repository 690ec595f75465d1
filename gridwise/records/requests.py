"""Requests that started a conversation (`ask_requests`): the only writer of the table.

A request's key is a hash of what makes two asks the same (text, clock, dataset, choice
flags, LLM backend). `gridwise ask` looks the key up before it does any work, so a repeat
within the dedupe window (a retry after a crash, a script run twice) continues the first
thread instead of ordering a second time.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any

from gridwise.store import Store


def request_key(**parts: Any) -> str:
    """A stable key for the parts that make a request the same."""
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def thread_for(store: Store, key: str, now: datetime, window_h: float) -> str | None:
    """The newest thread started with this key within `window_h` hours of `now`."""
    rows = store.rows(
        "SELECT thread_id FROM ask_requests WHERE key = ? AND created_at >= ? "
        "ORDER BY created_at DESC LIMIT 1", [key, now - timedelta(hours=window_h)])
    return rows[0]["thread_id"] if rows else None


def remember_request(store: Store, key: str, thread_id: str, now: datetime) -> None:
    """Record that `thread_id` was started for `key` (before the graph does any work)."""
    store.conn.execute("INSERT INTO ask_requests VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       [key, thread_id, now])
