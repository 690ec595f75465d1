"""`gridwise quote` does not hold the state file while it computes (real processes).

Before, a quote without --save opened the state file as a reader for its whole run, so a
writer (an `ask --yes`, a `data load`) waited for every quote in flight. Now it copies the
few state rows it reads in one brief use and quotes on the reference file. Checked by the
records: the tickets in the queue while the quote computes, and whether a writer in
another process got the file before the quote finished.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sourcedata import make_source_dir

ROOT = Path(__file__).resolve().parents[1]

# The real CLI; the ranking (the long compute) is wrapped so it waits, at its end, until
# a writer in another process has written (up to 30 s), and notes the tickets of its own
# process in the queue at that moment.
QUOTE = """
import os, sys, time
from pathlib import Path
import tools.options as options
from gridwise.store_turns import queue_dir
db, flags = sys.argv[1], Path(sys.argv[2])
real = options.rank_quotes
def ranking_that_takes_long(*args, **kwargs):
    out = real(*args, **kwargs)
    mine = []
    folder = queue_dir(db)
    for name in (os.listdir(folder) if folder.exists() else []):
        try:
            if name[:1].isdigit() and f"pid {os.getpid()}," in (folder / name).read_text():
                mine.append(name)
        except OSError:
            pass
    (flags / "computing").write_text(" ".join(mine))
    end = time.monotonic() + 30
    while not (flags / "written").exists() and time.monotonic() < end:
        time.sleep(0.02)
    (flags / "during").write_text("yes" if (flags / "written").exists() else "no")
    return out
options.rank_quotes = ranking_that_takes_long
from gridwise.cli import run
run(sys.argv[3:])
"""

# A writer: once the quote computes, take the state file for writing, write, say so.
WRITER = """
import sys, time
from pathlib import Path
from gridwise.store import Store
db, flags = sys.argv[1], Path(sys.argv[2])
while not (flags / "computing").exists():
    time.sleep(0.01)
with Store.open(db, migrate=False, wait_s=120) as s:
    s.conn.execute("CREATE TABLE IF NOT EXISTS probe AS SELECT 1 AS x")
(flags / "written").write_text(f"{s.waited_s:.3f}")
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("quote-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env |= {"GRIDWISE_HOME": str(root / "home"), "GRIDWISE_LLM": "none",
            "GRIDWISE_SOURCE_DIR": str(make_source_dir(root / "src"))}
    done = subprocess.run([sys.executable, "-m", "gridwise", "data", "load"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (root / "job.yaml").write_text("kind: train\nmodel:\n  name: Llama-3-8B\ngpu_hours: 40\n")
    return env | {"job": str(root / "job.yaml"), "db": str(root / "home" / "gridwise.duckdb")}


@pytest.mark.parametrize("save", [False, True])
def test_a_writer_gets_the_file_while_a_quote_computes(loaded, tmp_path, save) -> None:
    env = {k: v for k, v in loaded.items() if k not in ("job", "db")}
    db = loaded["db"]
    flags = tmp_path / "flags"
    flags.mkdir()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, db, str(flags)], env=env,
                              cwd=ROOT, stderr=subprocess.PIPE, text=True)
    argv = ["quote", "--spec", loaded["job"], "--at", "2022-03-01T05:00Z", "--json"]
    quote = subprocess.run([sys.executable, "-c", QUOTE, db, str(flags), *argv,
                            *(["--save"] if save else [])],
                           env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    _, w_err = writer.communicate(timeout=300)
    assert quote.returncode == 0, quote.stderr
    assert writer.returncode == 0, w_err
    result = json.loads(quote.stdout)
    assert result["options"] and (("decision_id" in result) == save)
    # while the quote computed, its process had no ticket at the state file ...
    assert (flags / "computing").read_text() == ""
    # ... and the writer took the file and wrote before the quote was done
    assert (flags / "during").read_text() == "yes"


# Holds the state file for writing until told to stop (or 90 s).
HOLDER = """
import sys, time
from pathlib import Path
from gridwise.store import Store
db, flags = sys.argv[1], Path(sys.argv[2])
with Store.open(db, migrate=False, wait_s=120) as s:
    (flags / "holding").write_text("yes")
    end = time.monotonic() + 90
    while not (flags / "stop").exists() and time.monotonic() < end:
        time.sleep(0.02)
"""


def test_a_long_evaluation_never_needs_the_state_file(loaded, tmp_path) -> None:
    """`eval forecast` (and `eval shifting-forecast`, same open) read the reference file
    only: a writer holding the state file for their whole run does not delay them."""
    env = {k: v for k, v in loaded.items() if k not in ("job", "db")}
    flags = tmp_path / "flags"
    flags.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, loaded["db"], str(flags)],
                              env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(3000):
            if (flags / "holding").exists() or holder.poll() is not None:
                break
            subprocess.run(["sleep", "0.02"], check=False)
        assert (flags / "holding").exists(), holder.stderr.read() if holder.stderr else ""
        argv = ["eval", "forecast", "--zones", "DE-LU", "--from", "2022-03-01", "--to",
                "2022-03-02", "--horizon", "24", "--json"]
        run = subprocess.run([sys.executable, "-m", "gridwise", *argv],
                             env=env | {"GRIDWISE_DB_WAIT_S": "2"}, cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
        still = holder.poll() is None
    finally:
        (flags / "stop").write_text("yes")
        holder.communicate(timeout=120)
    assert run.returncode == 0, run.stderr
    assert still  # the holder had the file for the whole evaluation
    assert json.loads(run.stdout)
