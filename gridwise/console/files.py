"""Element files of the chat history (charts, PDFs), kept under <home>/console/elements.

Chainlit serves a live element from its session's temporary folder, which is gone after a
restart. The data layer therefore copies each element's file (or inline content, e.g. a
Plotly figure's JSON) here when it is created, and records a URL on the console's own
route, `/gridwise/element/<thread>/<element>`, which serves it to the thread's author only.
A reopened thread then shows the same charts and reports the operator saw.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import shutil
from pathlib import Path
from typing import Any

#: The route a stored element is served from (registered by `register_route`).
ROUTE = "/gridwise/element/{thread_id}/{element_id}"
logger = logging.getLogger(__name__)
_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


def element_url(thread_id: str, element_id: str) -> str:
    """The URL a stored element is served at."""
    return ROUTE.format(thread_id=thread_id, element_id=element_id)


class ElementFiles:
    """One folder per thread, one file per element (named by the element's id)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def path(self, thread_id: str, element_id: str) -> Path | None:
        """Where an element's file is kept (None for ids that are not plain names)."""
        if not (_SAFE.match(thread_id) and _SAFE.match(element_id)):
            return None
        return self.root / thread_id / element_id

    def save(self, element: Any) -> Path | None:
        """Copy an element's file or content; None when it has neither (or odd ids)."""
        thread_id, element_id = str(element.thread_id or ""), str(element.id)
        target = self.path(thread_id, element_id)
        source = getattr(element, "path", None)
        content = getattr(element, "content", None)   # chainlit: bytes, str or None
        data = (content.encode() if isinstance(content, str)
                else bytes(content) if isinstance(content, bytes | bytearray) else None)
        if target is None or not (source or data):
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        try:
            if source:
                shutil.copyfile(source, partial)
            elif data is not None:   # always, given the check above
                partial.write_bytes(data)
            partial.replace(target)
        except OSError as exc:   # the description is still kept, without a file
            logger.warning("element %s of thread %s not kept: %s", element_id, thread_id, exc)
            partial.unlink(missing_ok=True)
            return None
        return target

    def delete(self, thread_id: str | None, element_id: str) -> None:
        """Remove one element's file (missing files are fine)."""
        if thread_id and (path := self.path(thread_id, element_id)) is not None:
            path.unlink(missing_ok=True)

    def delete_thread(self, thread_id: str) -> None:
        """Remove a thread's folder."""
        if _SAFE.match(thread_id):
            shutil.rmtree(self.root / thread_id, ignore_errors=True)


def register_route(app: Any, files: ElementFiles) -> None:
    """Serve stored elements on `ROUTE`, ahead of Chainlit's catch-all page route."""
    from chainlit.auth import get_current_user
    from chainlit.data import get_data_layer
    from chainlit.data.acl import is_thread_author
    from fastapi import Depends, HTTPException
    from fastapi.responses import FileResponse
    from fastapi.routing import APIRoute

    if any(getattr(r, "path", None) == ROUTE for r in app.router.routes):
        return

    # the annotations stay unresolved names FastAPI can evaluate (module globals only)
    async def element_file(thread_id: str, element_id: str,
                           current_user: Any = Depends(get_current_user)):  # noqa: B008
        if not current_user:
            raise HTTPException(status_code=401, detail="Unauthorized")
        await is_thread_author(current_user.identifier, thread_id)
        path = files.path(thread_id, element_id)
        record = await get_data_layer().get_element(thread_id, element_id)
        if path is None or not path.is_file() or not record:
            raise HTTPException(status_code=404, detail="Element not found")
        return FileResponse(path, media_type=record.get("mime") or _mime(path))

    app.router.routes.insert(0, APIRoute(ROUTE, element_file, methods=["GET"]))


def _mime(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(5)
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head[:1] in (b"{", b"["):
        return "application/json"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
