"""A steady stream of reads cannot keep a writer out for ever (gridwise.store_turns).

Reads go before waiting writers, so readers that keep coming (a console polling, scripts
listing decisions) could delay an `ask`'s write without end. Once the oldest waiting
writer has waited `GRIDWISE_DB_WRITER_WAIT_S`, new reads queue behind it. Real processes;
the bound is checked by counting the reads that passed the writer, not by timing it.
"""

from __future__ import annotations

import subprocess
import sys
import time

from tests.test_store_turns import _env, _home, _tickets

# A reader: from `start` until `end` take the file read-only, read, hold it `hold` s, give
# it back, again and again; prints "admitted released" (epoch seconds) per use.
READER = """
import sys, time
from gridwise.store import Store
db, start, end, hold = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
time.sleep(max(0.0, start - time.time()))
while time.time() < end:
    with Store.open(db, read_only=True, migrate=False, wait_s=120) as s:
        s.conn.execute("SELECT count(*) FROM hammer").fetchone()
        t = time.time()
        time.sleep(hold)
    print(t, time.time(), flush=True)
"""

# A writer: at `start` ask for the file, write, print "queued admitted released waited".
WRITER = """
import sys, time
from gridwise.store import Store
db, start = sys.argv[1], float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
q = time.time()
with Store.open(db, migrate=False, wait_s=120) as s:
    s.conn.execute("INSERT INTO hammer VALUES ('writer')")
    t = time.time()
print(q, t, time.time(), s.waited_s, flush=True)
"""


def test_a_writer_gets_in_within_the_bound_under_a_stream_of_reads(tmp_path) -> None:
    db = _home(tmp_path)
    env = _env(tmp_path, db, GRIDWISE_DB_WRITER_WAIT_S="1")
    start = time.time() + 6.0   # every process has imported by then (loaded machine)
    end = start + 10.0          # the reads go on for 10 s
    readers = [subprocess.Popen([sys.executable, "-c", READER, db, str(start), str(end), "0.3"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env) for _ in range(3)]
    writer = subprocess.Popen([sys.executable, "-c", WRITER, db, str(start + 1.5)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    w_out, w_err = writer.communicate(timeout=300)
    outs = [r.communicate(timeout=300) for r in readers]
    assert writer.returncode == 0, w_err
    assert all(r.returncode == 0 for r in readers), [e for _, e in outs]
    queued, admitted, released, _ = map(float, w_out.split())
    reads = sorted(float(line.split()[0]) for out, _ in outs for line in out.splitlines())
    assert reads and reads[0] < queued, "the reads had not started when the writer came"
    passed = [t for t in reads if queued < t < admitted]
    after = [t for t in reads if t > released]
    # the writer got in while the reads went on (without the bound: only after the last)
    assert after, f"no read after the writer: it waited for the whole stream ({len(passed)})"
    # ... and only the reads within the bound passed it: 1 s of 0.3 s uses, plus the ones
    # already queued (without the bound: every read of the stream, ~30)
    assert len(passed) <= 10, passed
    assert _tickets(db) == []
