"""Chat history per user: a Chainlit data layer over gridwise's own DuckDB store.

Chainlit's SQL data layers target PostgreSQL; this one keeps users, threads, steps,
element descriptions and feedback in the `console_*` tables (migration 0010). Every call
opens the store briefly in a worker thread, so the console never holds the file against
the CLI. Element files (charts' figure JSON, PDFs) are copied under <home>/console/elements
(`files`) and the stored description points at the console's route for them, so a thread
reopened after a restart shows the charts and reports the operator saw.
"""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from chainlit.data.base import BaseDataLayer
from chainlit.types import Feedback, PageInfo, PaginatedResponse, Pagination, ThreadFilter
from chainlit.user import PersistedUser, User

from gridwise.console.files import ElementFiles, element_url
from gridwise.store import Store

T = TypeVar("T")


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


class StoreDataLayer(BaseDataLayer):
    """Chainlit persistence in the `console_*` tables of the gridwise store."""

    def __init__(self, db_file: Path | str, files: Path | str | None = None) -> None:
        self.db_file = str(db_file)
        self.files = ElementFiles(files or Path(db_file).with_name("console-elements"))
        # one writer at a time: Chainlit creates and updates the same step from
        # concurrent tasks, and two DuckDB transactions upserting one key conflict
        self._lock = threading.Lock()

    async def _run(self, fn: Callable[[Store], T]) -> T:
        def work() -> T:
            with self._lock, Store.open(self.db_file, migrate=False) as store:
                return fn(store)
        return await asyncio.to_thread(work)

    # -- users ------------------------------------------------------------------------
    async def get_user(self, identifier: str) -> PersistedUser | None:
        """The stored user with this login, if any."""
        rows = await self._run(lambda s: s.rows(
            "SELECT id, identifier, created_at, metadata FROM console_users "
            "WHERE identifier = ?", [identifier]))
        if not rows:
            return None
        r = rows[0]
        return PersistedUser(id=r["id"], identifier=r["identifier"], createdAt=r["created_at"],
                             metadata=json.loads(r["metadata"]))

    async def create_user(self, user: User) -> PersistedUser | None:
        """Store the user on first login (metadata refreshed on later ones)."""
        new_id, created = str(uuid.uuid4()), _now()

        def upsert(s: Store) -> None:
            s.conn.execute(
                "INSERT INTO console_users VALUES (?, ?, ?, ?) ON CONFLICT (identifier) "
                "DO UPDATE SET metadata = excluded.metadata",
                [new_id, user.identifier, created, json.dumps(user.metadata)])
        await self._run(upsert)
        return await self.get_user(user.identifier)

    # -- feedback ---------------------------------------------------------------------
    async def upsert_feedback(self, feedback: Feedback) -> str:
        """Store a thumbs up/down on a step."""
        fid = feedback.id or str(uuid.uuid4())
        await self._run(lambda s: s.conn.execute(
            "INSERT OR REPLACE INTO console_feedback VALUES (?, ?, ?, ?)",
            [fid, feedback.forId, int(feedback.value), feedback.comment]))
        return fid

    async def delete_feedback(self, feedback_id: str) -> bool:
        """Remove a feedback."""
        await self._run(lambda s: s.conn.execute(
            "DELETE FROM console_feedback WHERE id = ?", [feedback_id]))
        return True

    # -- elements ---------------------------------------------------------------------
    async def create_element(self, element: Any) -> None:
        """Keep the element's file under `files` and its description in the store."""
        d = element.to_dict()
        d.pop("content", None)
        saved = await asyncio.to_thread(self.files.save, element)
        if saved is not None:       # served by the console's route, not the old session
            d.update(url=element_url(d["threadId"], d["id"]), chainlitKey=None,
                     objectKey=str(saved.relative_to(self.files.root)))
        await self._run(lambda s: s.conn.execute(
            "INSERT OR REPLACE INTO console_elements VALUES (?, ?, ?, ?)",
            [d["id"], d.get("threadId"), d.get("forId"), json.dumps(d, default=str)]))

    async def get_element(self, thread_id: str, element_id: str) -> Any:
        """One element description."""
        rows = await self._run(lambda s: s.rows(
            "SELECT record FROM console_elements WHERE id = ? AND thread_id = ?",
            [element_id, thread_id]))
        return json.loads(rows[0]["record"]) if rows else None

    async def delete_element(self, element_id: str, thread_id: str | None = None) -> None:
        """Remove an element description and its file."""
        rows = await self._run(lambda s: s.rows(
            "SELECT thread_id FROM console_elements WHERE id = ?", [element_id]))
        await self._run(lambda s: s.conn.execute(
            "DELETE FROM console_elements WHERE id = ?", [element_id]))
        for r in rows:
            self.files.delete(thread_id or r["thread_id"], element_id)

    # -- steps ------------------------------------------------------------------------
    async def create_step(self, step_dict: Any) -> None:
        """Store a message or step (its thread row is made if missing)."""
        d = dict(step_dict)

        def write(s: Store) -> None:
            s.conn.execute(
                "INSERT INTO console_threads VALUES (?, NULL, ?, ?) ON CONFLICT DO NOTHING",
                [d["threadId"], d.get("createdAt") or _now(), json.dumps({})])
            s.conn.execute("INSERT OR REPLACE INTO console_steps VALUES (?, ?, ?, ?)",
                           [d["id"], d["threadId"], d.get("createdAt"),
                            json.dumps(d, default=str)])
        await self._run(write)

    async def update_step(self, step_dict: Any) -> None:
        """Same as create: the whole step record is replaced."""
        await self.create_step(step_dict)

    async def delete_step(self, step_id: str) -> None:
        """Remove a step."""
        await self._run(lambda s: s.conn.execute(
            "DELETE FROM console_steps WHERE id = ?", [step_id]))

    # -- threads ----------------------------------------------------------------------
    async def get_thread_author(self, thread_id: str) -> str:
        """The login that owns the thread ('' when unknown)."""
        rows = await self._run(lambda s: s.rows(
            "SELECT user_identifier FROM console_threads WHERE id = ?", [thread_id]))
        return (rows[0]["user_identifier"] or "") if rows else ""

    async def delete_thread(self, thread_id: str) -> None:
        """Remove a thread and everything in it."""
        def drop(s: Store) -> None:
            with s.transaction() as con:
                for table in ("console_steps", "console_elements"):
                    con.execute(f"DELETE FROM {table} WHERE thread_id = ?", [thread_id])
                con.execute("DELETE FROM console_threads WHERE id = ?", [thread_id])
        await self._run(drop)
        self.files.delete_thread(thread_id)

    async def update_thread(self, thread_id: str, name: str | None = None,
                            user_id: str | None = None, metadata: dict[str, Any] | None = None,
                            tags: list[str] | None = None) -> None:
        """Create or update a thread (name, owner, metadata, tags)."""
        def write(s: Store) -> None:
            rows = s.rows("SELECT user_identifier, record FROM console_threads WHERE id = ?",
                          [thread_id])
            record = json.loads(rows[0]["record"]) if rows else {}
            owner = rows[0]["user_identifier"] if rows else None
            if user_id is not None:
                found = s.rows("SELECT identifier FROM console_users WHERE id = ?", [user_id])
                owner = found[0]["identifier"] if found else owner
                record["userId"] = user_id
            if name is not None:
                record["name"] = name
            if tags is not None:
                record["tags"] = tags
            if metadata is not None:
                record["metadata"] = (record.get("metadata") or {}) | {
                    k: v for k, v in metadata.items() if v is not None}
            s.conn.execute(
                "INSERT INTO console_threads VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                "SET user_identifier = excluded.user_identifier, record = excluded.record",
                [thread_id, owner, _now(), json.dumps(record, default=str)])
        await self._run(write)

    async def get_thread(self, thread_id: str) -> Any:
        """A thread with its steps (oldest first) and element descriptions."""
        def read(s: Store) -> Any:
            rows = s.rows("SELECT * FROM console_threads WHERE id = ?", [thread_id])
            if not rows:
                return None
            steps = [json.loads(r["record"]) for r in s.rows(
                "SELECT record FROM console_steps WHERE thread_id = ? ORDER BY created_at, id",
                [thread_id])]
            elements = [json.loads(r["record"]) for r in s.rows(
                "SELECT record FROM console_elements WHERE thread_id = ? ORDER BY rowid",
                [thread_id])]   # in the order they were sent
            return _thread(rows[0], steps, elements)
        return await self._run(read)

    async def list_threads(self, pagination: Pagination,
                           filters: ThreadFilter) -> PaginatedResponse[Any]:
        """The user's threads, newest first, optionally searched by name."""
        def read(s: Store) -> list[dict[str, Any]]:
            sql = ("SELECT t.* FROM console_threads t LEFT JOIN console_users u "
                   "ON u.identifier = t.user_identifier WHERE 1 = 1")
            params: list[Any] = []
            if filters.userId:
                sql += " AND u.id = ?"
                params.append(filters.userId)
            if filters.search:
                sql += " AND t.record->>'name' ILIKE ?"
                params.append(f"%{filters.search}%")
            if pagination.cursor:
                sql += " AND t.created_at < (SELECT created_at FROM console_threads WHERE id = ?)"
                params.append(pagination.cursor)
            sql += " ORDER BY t.created_at DESC LIMIT ?"
            params.append(pagination.first + 1)
            return s.rows(sql, params)
        rows = await self._run(read)
        page = [_thread(r, [], []) for r in rows[:pagination.first]]
        return PaginatedResponse(
            pageInfo=PageInfo(hasNextPage=len(rows) > pagination.first,
                              startCursor=page[0]["id"] if page else None,
                              endCursor=page[-1]["id"] if page else None),
            data=page)

    async def get_favorite_steps(self, user_id: str) -> list[Any]:
        """No favourites are kept."""
        return []

    async def build_debug_url(self) -> str:
        """No external debugger."""
        return ""

    async def close(self) -> None:
        """Nothing stays open between calls."""


def _thread(row: dict[str, Any], steps: list[Any], elements: list[Any]) -> dict[str, Any]:
    record = json.loads(row["record"])
    return {"id": row["id"], "createdAt": row["created_at"], "name": record.get("name"),
            "userId": record.get("userId"), "userIdentifier": row["user_identifier"],
            "tags": record.get("tags"), "metadata": record.get("metadata") or {},
            "steps": steps, "elements": elements}
