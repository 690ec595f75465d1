"""Chainlit's entry point for `gridwise console` (`chainlit run` loads this file).

Only wiring: login, the data layer, and handlers from `chat` and `tables`.
"""

from __future__ import annotations

import asyncio
from typing import Any

import chainlit as cl
import chainlit.server as server

from gridwise.console import chat, reopen, tables
from gridwise.console.auth import check_password
from gridwise.console.files import ElementFiles, register_route
from gridwise.console.history import StoreDataLayer
from gridwise.console.state import console

WELCOME = ("**gridwise** decides where and when your ML jobs run, trading cost, time and "
           "CO2. Say what to run (attach a dataset if you like), e.g. *Fine-tune "
           "Llama-3-8B with LoRA on our 20 GB text corpus, EU only, done by Friday 18:00 UTC, "
           "keep cost and carbon balanced*. Scenario clock: {clock:%Y-%m-%d %H:%M} UTC.")


@cl.password_auth_callback
async def login(username: str, password: str) -> cl.User | None:
    """Users and passwords from settings (GRIDWISE_CONSOLE_USERS)."""
    settings = console().settings
    if not check_password(settings, username, password):
        return None
    return cl.User(identifier=username, metadata={
        "team": settings.console_teams.get(username), "provider": "credentials"})


@cl.data_layer
def data_layer() -> StoreDataLayer:
    """History per user, kept in the gridwise store (element files under the home)."""
    return StoreDataLayer(console().settings.db_file, _element_files().root)


def _element_files() -> ElementFiles:
    return ElementFiles(console().settings.home / "console" / "elements")


@cl.on_chat_start
async def start() -> None:
    """Greet with the clock and the views."""
    clock = await asyncio.to_thread(lambda: console().clock)
    console().warm()  # the clock's forecasts, made while the operator types
    await cl.Message(content=WELCOME.format(clock=clock), author="gridwise", actions=[
        cl.Action(name="jobs", label="Jobs", payload={}),
        cl.Action(name="savings", label="Savings", payload={"by": "user"})]).send()


@cl.on_chat_resume
async def resumed(thread: Any) -> None:
    """A thread reopened (also after a console restart): continue from its checkpoint."""
    await reopen.resume_thread(thread)


@cl.on_app_shutdown
async def shutdown() -> None:
    """Stop the embedded LLM server the runs started, before the process exits."""
    from graphs.scheduling.context import close_built

    await asyncio.to_thread(close_built)


cl.on_message(chat.on_message)
cl.action_callback("answer")(chat.on_answer)
cl.action_callback("choose")(chat.on_choose)
cl.action_callback("report")(chat.on_report)
cl.action_callback("jobs")(tables.on_jobs)
cl.action_callback("cancel_order")(tables.on_cancel_order)
cl.action_callback("savings")(tables.on_savings)


def _offline_page() -> None:
    """Strip the page's internet links (KaTeX CSS from a CDN, font preconnects).

    The theme already removes the Google Fonts stylesheet; LaTeX is off, so the KaTeX
    stylesheet is never needed.
    """
    import re

    original = server.get_html_template
    if getattr(original, "offline", False):
        return
    external = re.compile(r'<link[^>]*href="https://[^"]*"[^>]*/?>', re.S)

    def offline(root_path: str) -> str:
        return external.sub("", original(root_path))

    offline.offline = True  # type: ignore[attr-defined]
    server.get_html_template = offline


_offline_page()
register_route(server.app, _element_files())
