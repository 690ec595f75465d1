"""The console in a real browser: Playwright driving the system Chromium, headless.

One console (`gridwise console`, Chainlit, LLM off, CI mode on) serves a tiny store; the
tests log in, ask, click buttons and download the report as an operator would.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.consolekit import BROWSER_ARGS, DEMO, USERS, chromium, console_env, login, send, serve
from tests.graphkit import CLOCK

pytestmark = pytest.mark.slow
pytest.importorskip("chainlit", reason="the console extra (chainlit) is not installed")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
TIMEOUT = 90_000


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    s = serve(tmp_path_factory.mktemp("console"))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    exe = chromium()
    if exe is None:
        pytest.skip("Debian chromium is not installed (make system-deps)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=BROWSER_ARGS)
        yield b
        b.close()


def _page(browser, user="alice"):
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT)
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
            else None)
    page.external = external   # type: ignore[attr-defined]
    return ctx, page


def _download_report(page, target):
    """Download the newest report link of the chat to `target`; it must be a PDF."""
    link = page.get_by_role("link", name=re.compile(r"^d-.*\.pdf$")).last
    link.wait_for()
    with page.expect_download() as dl:
        link.click()
    dl.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")


def test_wrong_password_is_refused(served, browser):
    ctx, page = _page(browser)
    login(page, served.url, "alice", "not-her-password")
    page.wait_for_timeout(1500)
    assert page.locator("#chat-input").count() == 0
    assert page.locator("#password").count() == 1
    ctx.close()


def test_demo_request_steps_chart_pathway_order_report(served, browser, tmp_path):
    ctx, page = _page(browser)
    login(page, served.url, "alice", USERS["alice"])
    send(page, DEMO)
    page.get_by_text("Provider agent: onprem").first.wait_for()
    page.get_by_text(re.compile(r"^Decision d-")).first.wait_for()
    for step in ("Intake", "Intent check", "Ranking", "Explanation"):
        assert page.get_by_role("button", name=re.compile(rf"\b{step}$")).count() >= 1, step
    page.locator(".js-plotly-plot").first.wait_for()      # the options scatter, inline
    assert "sentences verified" in page.content()
    page.get_by_role("button", name="Cheapest").click()
    page.get_by_text(re.compile(r"^Ordered")).first.wait_for()
    page.get_by_role("button", name="Report (PDF)").last.click()
    _download_report(page, tmp_path / "report.pdf")
    assert page.external == []          # fully offline: nothing outside loopback
    # the CLI reads the same store while the console runs
    out = subprocess.run([sys.executable, "-m", "gridwise", "decisions", "list", "--json"],
                         env=console_env(served.root), capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    ctx.close()


def test_clarification_answered_by_button(served, browser):
    ctx, page = _page(browser)
    login(page, served.url, "alice", USERS["alice"])
    send(page, "need some GPUs next week")
    button = page.get_by_role("button", name=re.compile("train a 350M-parameter model"))
    button.wait_for()
    button.click()
    page.get_by_text(re.compile(r"^Decision d-")).first.wait_for()
    ctx.close()


def test_two_operators_at_once(served, browser):
    pages = []
    for user in ("alice", "bob"):
        ctx, page = _page(browser, user)
        login(page, served.url, user, USERS[user])
        page.get_by_text("Scenario clock").first.wait_for()
        pages.append((ctx, page))
    for _, page in pages:                       # both sent before either is awaited
        page.fill("#chat-input", DEMO)
        page.keyboard.press("Enter")
    # and the CLI asks (and orders: it writes the store) while both sessions run
    cli = subprocess.Popen([sys.executable, "-m", "gridwise", "ask", DEMO, "--at", CLOCK,
                            "--new", "--yes", "--json"], env=console_env(served.root),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ids = []
    for _, page in pages:
        found = page.get_by_text(re.compile(r"^Decision d-")).first
        found.wait_for()
        ids.append(re.search(r"d-[\w-]+", found.inner_text()).group(0))
    out, err = cli.communicate(timeout=240)
    assert cli.returncode == 0, err
    asked = json.loads(out)
    assert asked["order"]["order_id"] and len({*ids, asked["decision_id"]}) == 3
    for ctx, _ in pages:
        ctx.close()


def test_reopened_thread_after_a_restart_shows_its_charts_report_and_outcome(browser,
                                                                           tmp_path):
    first = serve(tmp_path)
    try:
        ctx, page = _page(browser)
        login(page, first.url, "alice", USERS["alice"])
        send(page, DEMO)
        page.get_by_text(re.compile(r"^Decision d-")).first.wait_for()
        page.locator(".js-plotly-plot").first.wait_for()
        page.get_by_role("button", name="Cheapest").click()
        page.get_by_text(re.compile(r"^Ordered")).first.wait_for()
        page.get_by_role("button", name="Report (PDF)").last.click()
        page.get_by_role("link", name=re.compile(r"^d-.*\.pdf$")).last.wait_for()
        page.wait_for_timeout(1500)      # the data layer stores elements in the background
        ctx.close()
    finally:
        first.stop()
    again = serve(tmp_path, load=False)  # a new console process on the same home and store
    try:
        ctx, page = _page(browser)
        login(page, again.url, "alice", USERS["alice"])
        page.get_by_text("Scenario clock").first.wait_for()
        page.get_by_role("link", name=re.compile(r"^Fine-tune Llama")).first.click()
        page.get_by_text(re.compile(r"^Ordered")).first.wait_for()
        assert page.get_by_text(re.compile(r"^Choice: cheapest")).count() >= 1
        page.locator(".js-plotly-plot").nth(1).wait_for()       # scatter and timeline
        _download_report(page, tmp_path / "reopened.pdf")
        assert page.get_by_text(re.compile(r"^Ordered")).count() == 1   # not sent twice
        kept = sorted((tmp_path / "home" / "console" / "elements").glob("*/*"))
        assert kept
        own = page.request.get(f"{again.url}/gridwise/element/{kept[0].parent.name}/"
                               f"{kept[0].name}")
        assert own.status == 200
        assert page.external == []
        ctx.close()
        ctx, page = _page(browser, "bob")           # another operator cannot read them
        login(page, again.url, "bob", USERS["bob"])
        page.get_by_text("Scenario clock").first.wait_for()
        other = page.request.get(f"{again.url}/gridwise/element/{kept[0].parent.name}/"
                                 f"{kept[0].name}")
        assert other.status == 401
        ctx.close()
    finally:
        again.stop()
