"""`gridwise console`: serve the Chainlit operator console on loopback, fully offline.

The launcher lays out Chainlit's app folder under `<home>/console` (config with LaTeX off,
a theme with no web fonts, so the page loads nothing from the internet), keeps a stable
`CHAINLIT_AUTH_SECRET` there unless one is set, and runs `chainlit run` as a child it
owns with absolute GRIDWISE_* paths.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

from gridwise.errors import UserError
from gridwise.settings import Settings

APP = Path(__file__).resolve().parent / "app.py"
CONFIG = """[project]
user_env = []
session_timeout = 3600
user_session_timeout = 1296000
cache = false
persist_user_env = false
mask_user_env = false
allow_origins = ["http://127.0.0.1", "http://localhost"]

[features]
unsafe_allow_html = false
latex = false
user_message_markdown = true
auto_tag_thread = false
edit_message = false

[features.spontaneous_file_upload]
enabled = true
accept = ["text/csv", "application/json", "application/x-ndjson", "application/octet-stream",
          "text/plain", "application/vnd.apache.parquet"]
max_files = 1
max_size_mb = {max_mb}

[features.audio]
enabled = false

[UI]
name = "gridwise"
cot = "full"
default_theme = "light"

[meta]
generated_by = "{version}"
"""


def app_root(settings: Settings, max_upload_mb: int = 50) -> Path:
    """Write Chainlit's config, theme and welcome page under <home>/console."""
    from importlib.metadata import version

    root = (settings.home / "console").resolve()
    (root / ".chainlit").mkdir(parents=True, exist_ok=True)
    (root / "public").mkdir(exist_ok=True)
    (root / ".chainlit" / "config.toml").write_text(
        CONFIG.replace("{max_mb}", str(max_upload_mb)).replace("{version}",
                                                                 version("chainlit")))
    (root / "public" / "theme.json").write_text(json.dumps({"custom_fonts": []}))
    (root / "chainlit.md").write_text("# gridwise console\n\nAsk where and when to run a job.\n")
    return root


def auth_secret(root: Path) -> str:
    """`CHAINLIT_AUTH_SECRET` from the environment, else one kept (0600) under `root`."""
    if os.environ.get("CHAINLIT_AUTH_SECRET"):
        return os.environ["CHAINLIT_AUTH_SECRET"]
    path = root / "auth_secret"
    if not path.is_file():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def console_env(settings: Settings, root: Path, at: str | None) -> dict[str, str]:
    """The child's environment: absolute store paths, the app folder, the auth secret."""
    env = dict(os.environ)
    env.update({"CHAINLIT_APP_ROOT": str(root), "CHAINLIT_AUTH_SECRET": auth_secret(root),
                "GRIDWISE_HOME": str(settings.home.resolve()),
                "GRIDWISE_DB_PATH": str(settings.db_file.resolve()),
                "GRIDWISE_LLM": settings.llm, "PYTHONUNBUFFERED": "1"})
    if at:
        env["GRIDWISE_CONSOLE_AT"] = at
    return env


def command(host: str, port: int) -> list[str]:
    """The `chainlit run` command line."""
    return [sys.executable, "-m", "chainlit", "run", str(APP), "--headless", "--host", host,
            "--port", str(port)]


def check_ready(settings: Settings) -> None:
    """Refuse to start without Chainlit, users or a loaded store (clear messages)."""
    if importlib.util.find_spec("chainlit") is None:
        raise UserError("the console needs Chainlit, which is not installed",
                        "install the extra: .venv/bin/pip install -e '.[console]'")
    if not settings.console_users:
        raise UserError("no console users are configured",
                        'set GRIDWISE_CONSOLE_USERS, e.g. \'{"alice": "a-long-password"}\' '
                        "(or a hash from `gridwise console --hash-password`)")
    if not settings.db_file.is_file():
        raise UserError(f"no gridwise database at {str(settings.db_file)!r}",
                        "run `gridwise data load` first")


def run_console(settings: Settings, host: str, port: int, at: str | None) -> int:
    """Serve the console until interrupted; returns Chainlit's exit code."""
    from gridwise.llm import free_port
    from gridwise.store import Store

    check_ready(settings)
    with Store.open(settings.db_file):   # applies migration 0010 once, then lets go
        pass
    port = port or free_port()
    root = app_root(settings)
    print(f"gridwise console on http://{host}:{port} (Ctrl-C stops it)", flush=True)
    proc = subprocess.Popen(command(host, port), env=console_env(settings, root, at), cwd=root)

    def stop(*_: object) -> None:   # SIGTERM too: Chainlit shuts down (and stops its LLM)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        return stop_child(proc)


def stop_child(proc: subprocess.Popen[bytes]) -> int:
    """Let Chainlit shut down on the signal it got too (Ctrl-C, a group's SIGTERM).

    A second signal would make uvicorn skip the app's shutdown hook, which stops the
    embedded LLM server; so wait first, then terminate, and kill only as a last resort.
    """
    for action in (None, proc.terminate, proc.kill):
        if action is not None:
            action()
        try:
            return proc.wait(timeout=5 if action is None else 30)
        except subprocess.TimeoutExpired:
            continue
    return proc.wait()
