"""Static chart export: one long-lived headless Chromium (kaleido) per process.

Chromium is found up front (`find_browser`); without one, PNG/SVG/PDF export raises a
`UserError` that says how to fix it, while HTML reports keep working.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go

from gridwise.errors import UserError

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                 "chrome")


def find_browser(path: str | None = None) -> str:
    """The Chromium to export with: `path`, else `$BROWSER_PATH`, else one on `PATH`.

    Raises:
        UserError: no usable browser (static export needs one; HTML reports do not).
    """
    wanted = path or os.environ.get("BROWSER_PATH")
    if wanted:
        if os.path.isfile(wanted) and os.access(wanted, os.X_OK):
            return wanted
        raise UserError(f"no Chromium executable at {wanted!r} (static chart export needs one)",
                        "install chromium or set BROWSER_PATH to a Chromium/Chrome executable "
                        "(HTML reports work without one)")
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise UserError("no Chromium found for static chart export (PNG/SVG/PDF)",
                    "install chromium or set BROWSER_PATH (HTML reports work without one)")


class ExportServer:
    """One headless Chromium (kaleido) on its own event-loop thread, reused for every export.

    kaleido's own `start_sync_server` waits forever if the browser fails to start, so this
    keeps the loop and surfaces start-up and render errors (with timeouts) to the caller.
    """

    def __init__(self, browser: str, timeout_s: float = 60.0) -> None:
        import kaleido

        self.browser = browser
        self.timeout_s = timeout_s
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="gridwise-kaleido")
        self._thread.start()

        async def _open() -> Any:
            k = kaleido.Kaleido(n=1, timeout=timeout_s, mathjax=False, path=browser)
            await k.open()
            return k

        try:
            self._kaleido = self._run(_open())
        except BaseException:
            self._loop.call_soon_threadsafe(self._loop.stop)
            raise

    def _run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(self.timeout_s)

    def render(self, fig: go.Figure, fmt: Literal["png", "svg"], width: int | None = None,
               height: int | None = None, scale: float = 2.0) -> bytes:
        """The figure as PNG or SVG bytes (size defaults to the figure's layout)."""
        opts = {"format": fmt, "scale": scale,
                "width": width or fig.layout.width or 900,
                "height": height or fig.layout.height or 480}
        return bytes(self._run(self._kaleido.calc_fig(fig, opts=opts)))

    def close(self) -> None:
        """Close the browser and stop the loop thread."""
        try:
            self._run(self._kaleido.close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)


_servers: dict[str, ExportServer] = {}
_servers_lock = threading.Lock()


def export_server(browser: str | None = None) -> ExportServer:
    """The process's export server, started on first use (Chromium found up front)."""
    path = find_browser(browser)
    with _servers_lock:
        if path not in _servers:
            _servers[path] = ExportServer(path)
            if len(_servers) == 1:
                atexit.register(shutdown_export_servers)
        return _servers[path]


def shutdown_export_servers() -> None:
    """Stop every export server this process started."""
    with _servers_lock:
        servers = list(_servers.values())
        _servers.clear()
    for s in servers:
        s.close()


def current_umask() -> int:
    """The process umask (files written here get 0o666 minus it, like open())."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` via a temp file in the same folder and a rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def export_png(fig: go.Figure, path: Path, browser: str | None = None,
               scale: float = 2.0) -> Path:
    """Write the figure as a PNG (kaleido, shared server); returns the path."""
    return write_atomic(Path(path), export_server(browser).render(fig, "png", scale=scale))


def export_svg(fig: go.Figure, path: Path, browser: str | None = None) -> Path:
    """Write the figure as an SVG (kaleido, shared server); returns the path."""
    return write_atomic(Path(path), export_server(browser).render(fig, "svg", scale=1.0))
