"""Console latency and memory: send -> first step, send -> pathway table, in a real browser.

Run: flock /work/brief/bench.lock .venv/bin/python -m bench.bench_console \
        [--requests 10] [--llm none|embedded] [--roles intake|all|...]
Serves `gridwise console` on the loaded store (the LLM off, or the embedded llama.cpp
model the `llm-local` extra installs), drives headless Chromium with Playwright through N
fresh chats with the demo request (the browser path an operator uses, socket and all), and
reports p50/p95 of the time from pressing Enter to the first graph step on screen and to
the pathway table, the console process tree's resident memory (idle after start, and
after the runs; with the embedded model the llama.cpp server, a child of the console, is
also given alone), and the 1-minute load average before, during and after. With the
default roles (`intake`) the demo request makes no LLM call (the parser leaves nothing
ambiguous); `--roles all` puts the model in the coordinator and the explainer too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_load import machine
from gridwise.settings import Settings
from tests.consolekit import BROWSER_ARGS, DEMO, USERS, chromium, login, serve, store_copy


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and its descendants (MiB, from /proc)."""
    def children(p: int) -> list[int]:
        kids: list[str] = []
        for task in Path(f"/proc/{p}/task").glob("*"):   # children of every thread
            try:
                kids += (task / "children").read_text().split()
            except OSError:
                pass
        return [int(k) for k in kids] + [g for k in kids for g in children(int(k))]
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


def loadavg() -> float:
    """The 1-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def llm_server_rss_mib(pid: int) -> float:
    """Resident memory of the llama.cpp server under the console (0 when none runs)."""
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            cmd = (p / "cmdline").read_bytes()
        except OSError:
            continue
        if b"llama_cpp.server" in cmd and _descends(int(p.name), pid):
            return tree_rss_mib(int(p.name))
    return 0.0


def _descends(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return False


def _interrupted(*_: object) -> None:
    """SIGTERM (e.g. `timeout`) unwinds like Ctrl-C, so the console is still stopped."""
    raise KeyboardInterrupt


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    v = sorted(values)
    return round(v[min(len(v) - 1, int(round(q * (len(v) - 1))))], 3)


def main() -> None:
    """Print JSON timings."""
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=10)
    ap.add_argument("--llm", choices=["none", "embedded"], default="none")
    ap.add_argument("--roles", default=None,
                    help="GRIDWISE_LLM_ROLES for the console (default: the settings' own)")
    args = ap.parse_args()
    settings = Settings()
    root = Path(tempfile.mkdtemp(prefix="bench-console-"))
    db = store_copy(settings.db_file, root)     # the bench's chats and orders stay there
    env = dict(os.environ) | {
        "GRIDWISE_HOME": str(root / "home"), "GRIDWISE_DB_PATH": str(db),
        "GRIDWISE_LLM": args.llm, "GRIDWISE_CONSOLE_USERS": json.dumps(USERS),
        "GRIDWISE_CONSOLE_AT": "2023-06-14T09:00"}
    if args.roles:
        env["GRIDWISE_LLM_ROLES"] = args.roles
    signal.signal(signal.SIGTERM, _interrupted)
    load = {"before": loadavg()}
    served = serve(root, load=False, env=env)
    first, table, loads = [], [], []
    try:
        idle = tree_rss_mib(served.proc.pid)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), headless=True,
                                        args=BROWSER_ARGS)
            for _ in range(args.requests):
                ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
                page = ctx.new_page()
                page.set_default_timeout(120_000)
                login(page, served.url, "alice", USERS["alice"])
                page.get_by_text("Scenario clock").first.wait_for()
                page.fill("#chat-input", DEMO)
                t0 = time.perf_counter()
                page.keyboard.press("Enter")
                page.get_by_role("button", name=re.compile(r"Intake$")).first.wait_for()
                first.append(time.perf_counter() - t0)
                page.get_by_text(re.compile(r"^Decision d-")).first.wait_for()
                table.append(time.perf_counter() - t0)
                loads.append(loadavg())
                print(f"request {len(table)}: first step {first[-1]:.2f} s, table "
                      f"{table[-1]:.2f} s, load {loads[-1]}", file=sys.stderr, flush=True)
                ctx.close()
            browser.close()
        busy = tree_rss_mib(served.proc.pid)
        llm_rss = llm_server_rss_mib(served.proc.pid)
    finally:
        served.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps({
        "machine": machine(), "llm": args.llm, "requests": len(first),
        "llm_roles": env.get("GRIDWISE_LLM_ROLES", Settings().llm_roles),
        "send_to_first_step_s": {"p50": pct(first, 0.5), "p95": pct(first, 0.95)},
        "send_to_pathway_table_s": {"p50": pct(table, 0.5), "p95": pct(table, 0.95)},
        "first_request_s": round(table[0], 3),
        "console_rss_mib": {"idle": idle, "after_requests": busy,
                            "of_which_llm_server": llm_rss},
        "loadavg_1m": load | {"during_median": statistics.median(loads),
                              "during_max": max(loads), "after": loadavg()},
        "per_request_s": {"first_step": [round(x, 3) for x in first],
                          "pathway_table": [round(x, 3) for x in table]},
        "median_table_s": round(statistics.median(table), 3),
    }, indent=1))


if __name__ == "__main__":
    main()
