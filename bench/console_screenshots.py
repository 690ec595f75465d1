"""Screenshots of the console's main screens into docs/ (run by hand; not a test).

Run: .venv/bin/python -m bench.console_screenshots
Serves the console (LLM off) on the loaded store and saves docs/console-*.png; the last
one is the first chat reopened from the history list after the console restarted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from gridwise.settings import Settings
from tests.consolekit import (
    BROWSER_ARGS,
    DEMO,
    USERS,
    chromium,
    login,
    send,
    serve,
    store_copy,
)

DOCS = Path("docs")


def main() -> None:
    """Log in, ask, order, open jobs and savings, restart and reopen; a PNG per screen."""
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="console-shots-"))
    db = store_copy(Settings().db_file, root)   # the shots' chats and orders stay there
    env = dict(os.environ) | {
        "GRIDWISE_HOME": str(root / "home"),
        "GRIDWISE_DB_PATH": str(db), "GRIDWISE_LLM": "none",
        "GRIDWISE_CONSOLE_USERS": json.dumps(USERS), "GRIDWISE_CONSOLE_AT": "2023-06-14T09:00"}
    served = serve(root, load=False, env=env)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), headless=True,
                                        args=BROWSER_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(120_000)
            page.goto(served.url)
            page.wait_for_selector("#email")
            page.screenshot(path=DOCS / "console-login.png")
            login(page, served.url, "alice", USERS["alice"])
            send(page, DEMO)
            page.get_by_text(re.compile(r"^Decision d-")).first.wait_for()
            page.locator(".js-plotly-plot").first.wait_for()
            page.get_by_text(re.compile(r"^Decision d-")).first.scroll_into_view_if_needed()
            page.screenshot(path=DOCS / "console-pathways.png")
            page.locator(".js-plotly-plot").last.scroll_into_view_if_needed()
            page.screenshot(path=DOCS / "console-charts.png")
            page.get_by_role("button", name="Greenest").click()
            page.get_by_text(re.compile(r"^Ordered")).first.wait_for()
            send(page, "jobs")
            page.get_by_text("Jobs (sorted by").first.wait_for()
            page.wait_for_timeout(500)
            page.screenshot(path=DOCS / "console-jobs.png")
            send(page, "savings")
            page.get_by_text("Carbon basis:").first.wait_for()
            page.wait_for_timeout(500)
            page.screenshot(path=DOCS / "console-savings.png")
            page.wait_for_timeout(1500)     # history writes finish in the background
            served.stop()
            served = serve(root, load=False, env=env)   # restarted: reopen from history
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(120_000)
            login(page, served.url, "alice", USERS["alice"])
            page.get_by_text("Scenario clock").first.wait_for()
            page.get_by_role("link", name=re.compile(r"^Fine-tune Llama")).first.click()
            page.locator(".js-plotly-plot").first.wait_for()
            page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=DOCS / "console-reopened.png")
            browser.close()
    finally:
        served.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps({"screenshots": sorted(str(p) for p in DOCS.glob("console-*.png"))}))


if __name__ == "__main__":
    main()
