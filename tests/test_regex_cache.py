"""gridwise.regex_cache: stored SRE code gives the same patterns as `re`, and every damaged
or foreign file falls back to compiling (tests run against a private file, never the
user's cache)."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gridwise import regex_cache
from gridwise.regex_cache import FORMAT, RegexCache, default_path

ROOT = Path(__file__).resolve().parents[1]

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<n>\d+)\s*(?P<unit>GPUs?|cards?)", re.IGNORECASE),
    (r"(?i)by\s+(?:mon|tue|wed)(?:day)?\b", 0),
    (r"(?<![\w-])(eu-west-1|us-east-1)(?![\w-])", 0),
    (r"^\s*#.*$", re.MULTILINE),
    (r"[а-яё]+\s+(\d{1,2}):(\d{2})", 0),
    (rb"(?P<k>[a-z]+)=(?P<v>\d+)", 0),
    (r"a.b", re.DOTALL | re.VERBOSE),
]
TEXTS = ["Need 8 GPUs by Tuesday", "run in eu-west-1 or us-east-1x", "# note\nx", "завтра 18:30",
         "a\nb", "BY WEDNESDAY please", "4 Cards"]


def _behaviour(pat: re.Pattern) -> list:
    out: list = [pat.pattern, pat.flags, pat.groups, dict(pat.groupindex)]
    for t in TEXTS:
        s = t.encode() if isinstance(pat.pattern, bytes) else t
        out.append([(m.span(), m.groups(), m.groupdict()) for m in pat.finditer(s)])
    return out


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_stored_code_behaves_as_re(tmp_path: Path, pattern, flags) -> None:
    path = tmp_path / "rx.marshal"
    first = RegexCache(path)
    made = first.compile(pattern, flags)
    first.save(force=True)
    second = RegexCache(path)
    assert (pattern, int(flags)) in second.entries
    rebuilt = second.compile(pattern, flags)
    assert second.added == 0  # came from the file, not compiled again
    plain = re._compiler.compile(pattern, flags)  # the cache is not installed in this process
    assert _behaviour(rebuilt) == _behaviour(plain) == _behaviour(made)


def test_damaged_file_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "rx.marshal"
    path.write_bytes(b"\x00garbage not marshal")
    c = RegexCache(path)
    assert c.entries == {}
    assert c.compile(r"\d+").findall("a 12 b 3") == ["12", "3"]


def test_wrong_format_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "rx.marshal"
    path.write_bytes(marshal.dumps((FORMAT + 1, {(r"\d", 0): (0, b"", 0, {}, ())})))
    assert RegexCache(path).entries == {}
    path.write_bytes(marshal.dumps(["not", "a", "tuple"]))
    assert RegexCache(path).entries == {}


@pytest.mark.parametrize("bad", [
    (0, b"\x01\x02\x03", 0, {}, (None,)),  # code that is not whole unsigned ints
    (0, b"\xff\xff\xff\xff" * 4, 0, {}, (None,)),  # code the SRE validator rejects
    ("flags?", b"", 0, {}, ()),  # wrong types
    (0, b""),  # wrong shape
])
def test_damaged_entry_is_compiled_again(tmp_path: Path, bad) -> None:
    path = tmp_path / "rx.marshal"
    path.write_bytes(marshal.dumps((FORMAT, {(r"(\d+)x", 0): bad})))
    c = RegexCache(path)
    pat = c.compile(r"(\d+)x")
    assert pat.findall("3x 44x") == ["3", "44"]
    assert c.added == 1 and c.entries[(r"(\d+)x", 0)] != bad


def test_off_and_chosen_path(monkeypatch, tmp_path: Path) -> None:
    for off in ("off", "OFF", "0", "no", "false"):
        monkeypatch.setenv("GRIDWISE_REGEX_CACHE", off)
        assert default_path() is None
    monkeypatch.setenv("GRIDWISE_REGEX_CACHE", str(tmp_path / "x.marshal"))
    assert default_path() == tmp_path / "x.marshal"
    monkeypatch.delenv("GRIDWISE_REGEX_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    p = default_path()
    assert p.parent == tmp_path / "gridwise" and sys.implementation.cache_tag in p.name


def test_save_threshold_force_and_merge(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "rx.marshal"
    a = RegexCache(path)
    a.compile(r"alpha\d")
    monkeypatch.setattr(regex_cache, "SAVE_AFTER_S", 60.0)
    a.save()  # one quick pattern: not worth a write
    assert not path.exists()
    a.save(force=True)
    assert path.exists() and a.added == 0
    b = RegexCache(tmp_path / "rx.marshal")
    c = RegexCache(tmp_path / "rx.marshal")
    b.compile(r"beta\d")
    c.compile(r"gamma\d")
    b.save(force=True)
    c.save(force=True)  # merges b's entry, which it never read
    keys = {k[0] for k in RegexCache(path).entries}
    assert {r"alpha\d", r"beta\d", r"gamma\d"} <= keys
    assert not list(tmp_path.glob(".*.tmp"))


def test_unwritable_folder_is_left_alone(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    c = RegexCache(blocker / "sub" / "rx.marshal")  # a folder under a file: can not be made
    c.compile(r"delta\d")
    c.save(force=True)  # no exception
    assert c.added == 1


def test_a_full_file_is_rewritten_with_the_patterns_in_use(tmp_path: Path, monkeypatch) -> None:
    """A file at the limit (patterns of older code) must not freeze: the next process's
    patterns replace what it no longer uses, and the file never exceeds the limit."""
    monkeypatch.setattr(regex_cache, "MAX_ENTRIES", 3)
    path = tmp_path / "rx.marshal"
    old = RegexCache(path)
    for i in range(3):
        old.compile(rf"old{i}\d")
    old.save(force=True)
    assert len(RegexCache(path).entries) == 3
    new = RegexCache(path)
    new.compile(r"old0\d")  # still used: read from the file
    for i in range(2):
        assert new.compile(rf"new{i}\d").match(f"new{i}7")
    new.save(force=True)
    keys = {k[0] for k in RegexCache(path).entries}
    assert keys == {r"old0\d", r"new0\d", r"new1\d"}


_PARSE = """
import json, sys
from datetime import datetime
from agents.intake import parse_request
from gridwise import regex_cache
texts = json.loads(sys.argv[1])
now = datetime(2023, 6, 14, 9)
out = [parse_request(t, now, limits=None).model_dump(mode="json") for t in texts]
c = regex_cache._installed
print(json.dumps({"out": out, "read": len(c.entries) - c.added, "added": c.added}))
"""


@pytest.mark.slow
def test_second_process_reads_the_first_ones_patterns(tmp_path: Path) -> None:
    """Two processes with different hash seeds: the second compiles (almost) nothing and
    parses exactly as the first; the intake's patterns are the same in every process."""
    texts = ["Fine-tune Llama-3-8B with LoRA on 20 GB, EU only, done by Friday 18:00 UTC",
             "Brauche 4 H100 bis Montag 9 Uhr, nur in Deutschland, so günstig wie möglich",
             "batch inference, 2x A100, not before 22:00 CET, finish within 3 days"]
    path = tmp_path / "rx.marshal"

    def run(seed: str) -> dict:
        env = {**os.environ, "GRIDWISE_REGEX_CACHE": str(path), "PYTHONHASHSEED": seed}
        r = subprocess.run([sys.executable, "-c", _PARSE, json.dumps(texts)], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout.strip().splitlines()[-1])

    first = run("1")
    assert path.exists() and first["added"] > 1000
    second = run("2")
    assert second["out"] == first["out"]
    assert second["read"] >= first["added"]
    assert second["added"] <= 2, "an intake pattern differs between processes"
