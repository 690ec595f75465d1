"""Shared helpers for console tests: a served console on a tiny store, and a browser."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import types
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from gridwise.llm import free_port
from tests.graphkit import CLOCK, tiny_store

USERS = {"alice": "wonderland-42", "bob": "builder-42"}
TEAMS = {"alice": "ml-platform", "bob": "research"}
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
DEMO = ("Fine-tune Llama-3-8B with LoRA on our 20 GB text corpus, EU only, done by Friday "
        "18:00 UTC, keep cost and carbon balanced")


def console_env(root: Path) -> dict[str, str]:
    """GRIDWISE_* settings for a console on `root` (LLM off, two users, CI mode on)."""
    env = dict(os.environ)
    env.pop("GRIDWISE_SOURCE_DIR", None)
    env.update({"GRIDWISE_HOME": str(root / "home"), "GRIDWISE_DB_PATH": str(root / "g.duckdb"),
                "GRIDWISE_LLM": "none", "GRIDWISE_CONSOLE_USERS": json.dumps(USERS),
                "GRIDWISE_CONSOLE_TEAMS": json.dumps(TEAMS), "GRIDWISE_CONSOLE_AT": CLOCK,
                "CI": "true", "PYTHONUNBUFFERED": "1"})
    return env


@dataclass
class Served:
    """A running `gridwise console`."""

    url: str
    root: Path
    proc: subprocess.Popen[bytes]
    port: int

    def stop(self) -> None:
        """Stop the console's process group."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def serve(root: Path, port: int | None = None, load: bool = True,
          env: dict[str, str] | None = None) -> Served:
    """Start `gridwise console` on a tiny store under `root` (or as `env` says); waits."""
    if load:
        tiny_store(root).close()
    port = port or free_port()
    log = open(root / f"console-{port}.log", "ab")
    proc = subprocess.Popen([sys.executable, "-m", "gridwise", "console", "--port", str(port)],
                            env=env or console_env(root), stdout=log, stderr=log,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError("console exited:\n" + (root / f"console-{port}.log")
                                 .read_text()[-3000:])
        try:
            with opener.open(url + "/", timeout=2) as r:
                if r.status == 200:
                    return Served(url, root, proc, port)
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("console did not answer in 120 s")


def chromium() -> str | None:
    """The system Chromium (Debian `chromium`), if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def login(page, url: str, user: str, password: str) -> None:  # type: ignore[no-untyped-def]
    """Sign in on the console's login page."""
    page.goto(url)
    page.fill("#email", user)
    page.fill("#password", password)
    page.click("button:has-text('Sign In')")


def send(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type a message and send it (once the session has greeted: it is connected)."""
    page.get_by_text("Scenario clock").first.wait_for(timeout=60_000)
    page.fill("#chat-input", text)
    page.keyboard.press("Enter")
    page.get_by_text(text[:40]).first.wait_for(timeout=30_000)


# -- handler tests: a mocked Chainlit over the real graph and store ----------------------------
def handler_settings(root: Path):  # type: ignore[no-untyped-def]
    """Settings on a tiny loaded store under `root` (LLM off, alice plain, bob hashed)."""
    from gridwise.console.auth import hash_password
    from gridwise.settings import Settings

    tiny_store(root).close()
    return Settings(home=root / "home", db_path=root / "g.duckdb", llm="none",
                    console_users={"alice": "pw-alice", "bob": hash_password("pw-bob")},
                    console_teams={"alice": "platform", "bob": "research"})


def to_pathways(runner, thread: str, text: str = DEMO):  # type: ignore[no-untyped-def]
    """Run a request on `thread` to its pathway interrupt; (interrupt event, all events)."""
    events = list(runner.start(thread, {"request": text, "clock": CLOCK}))
    (intr,) = [e for e in events if e.interrupt is not None]
    return intr, events


class FakeCl:
    """What the handlers call on `chainlit`, recording every message sent."""

    def __init__(self):
        self.sent: list[dict] = []
        self.steps: list[str] = []
        self.session: dict = {}
        fake = self

        class Message:
            def __init__(self, content="", author=None, actions=None, elements=None):
                self.content, self.actions, self.elements = content, actions or [], elements or []

            async def send(self):
                fake.sent.append({"content": self.content, "actions": self.actions,
                                  "elements": self.elements})
                return self

        class Step:
            def __init__(self, name, type=None):
                self.name, self.output = name, ""

            async def __aenter__(self):
                return self

            async def __aexit__(self, *exc):
                fake.steps.append(self.name)

        class Action:
            def __init__(self, name, label="", payload=None):
                self.name, self.label, self.payload = name, label, payload or {}

        class UserSession:
            def get(self, key, default=None):
                return fake.session.get(key, default)

            def set(self, key, value):
                fake.session[key] = value

        def element(**kw):
            return types.SimpleNamespace(**kw)

        self.Message, self.Step, self.Action = Message, Step, Action
        self.user_session = UserSession()
        self.Plotly = self.Pdf = self.File = element
        self.context = types.SimpleNamespace(session=types.SimpleNamespace(thread_id=None))

    def texts(self) -> str:
        return "\n".join(m["content"] for m in self.sent)


def fake_chainlit(monkeypatch, settings):  # type: ignore[no-untyped-def]
    """Put a `FakeCl` (logged in as alice) into the console modules, with fresh state."""
    from gridwise.console import chat, present, reopen, tables
    from gridwise.console.state import Console, set_console

    fake = FakeCl()
    fake.session["user"] = types.SimpleNamespace(identifier="alice")
    for module in (chat, present, reopen, tables):
        monkeypatch.setattr(module, "cl", fake)
    set_console(Console(settings, CLOCK))
    return fake


def store_copy(source: Path, root: Path) -> Path:
    """A copy of a loaded store under `root` with no chat history (benches, screenshots)."""
    from gridwise.store import Store

    db = root / "gridwise.duckdb"
    shutil.copyfile(source, db)
    with Store.open(db, migrate=False) as store:
        for table in ("console_steps", "console_elements", "console_threads"):
            store.conn.execute(f"DELETE FROM {table}")
    return db
