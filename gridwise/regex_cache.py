"""Compiled regular expressions kept between processes, as `.pyc` files keep bytecode.

The intake parser's word tables become ~3,100 patterns (~960k characters); CPython's `re`
compiles each in pure Python, 1.2-2.6 s in every new process (a `gridwise ask`, a
console, each test subprocess), while the parse itself takes ~20 ms. `install()` puts a cache in
front of `re`'s compiler: a pattern seen before is rebuilt from its stored SRE code by
`_sre.compile` (C, microseconds) instead of being parsed and compiled again; new ones are
compiled as before and written at exit.

The cache changes no result: the stored code is exactly what `re` made for the same
pattern and flags, on the same CPython (the file's name carries the interpreter's cache
tag and the SRE engine's magic number, so another Python never reads it). `_sre.compile`
validates code it is given: a damaged file raises there, and every failure falls back to
the normal compile (and the entry is dropped). The file holds plain data only (`marshal`
of strings, ints, bytes, dicts and tuples: nothing in it is executed).

Set `GRIDWISE_REGEX_CACHE` to a file path to move it, or to `off` to compile as before.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import marshal
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

try:  # CPython's engine and its compiler; anything else compiles as before
    import _sre
    import re._compiler as _compiler
    import re._parser as _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = _compiler = _parser = None

#: Entries the file keeps at most; past this it is rewritten with only the patterns the
#: saving process used (patterns of older code would otherwise grow it without end).
MAX_ENTRIES = 10_000  # ~37 MB: the intake alone is ~3,140 (11.5 MB)
#: The file format; a file of another version is ignored.
FORMAT = 1
#: Seconds of compiling new patterns that make writing the file worth it (a write of the
#: intake's ~10 MB takes ~60 ms): a process whose only new pattern is one the standard
#: library joins from a set (another order every run: `tokenize`'s) does not rewrite it.
SAVE_AFTER_S = 0.2

Key = tuple[str | bytes, int]
#: (flags, SRE code as native unsigned ints, groups - 1, group index, index group)
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


def default_path() -> Path | None:
    """The cache file, or None when `GRIDWISE_REGEX_CACHE=off` (or not CPython)."""
    if _sre is None:
        return None
    chosen = os.environ.get("GRIDWISE_REGEX_CACHE", "")
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    tag = f"{sys.implementation.cache_tag}-sre{_sre.MAGIC}-{_sre.CODESIZE}"
    return base / "gridwise" / f"regex-{tag}.marshal"


class RegexCache:
    """SRE code per (pattern, flags), read from and written to one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[Key, Entry] = self._read(path)
        #: the keys this process compiled or read, in the order it used them
        self.used: dict[Key, None] = {}
        self.added = 0
        #: seconds spent compiling the patterns added since the last save
        self.compiling_s = 0.0
        self.lock = threading.Lock()
        self.original = _compiler.compile

    @staticmethod
    def _read(path: Path) -> dict[Key, Entry]:
        try:
            with open(path, "rb") as fh:
                data = marshal.load(fh)
        except (OSError, EOFError, ValueError, TypeError):
            return {}  # no file yet, or a damaged one: compiled again and rewritten
        if not (isinstance(data, tuple) and len(data) == 2 and data[0] == FORMAT
                and isinstance(data[1], dict)):
            return {}
        return data[1]

    def compile(self, p: Any, flags: int = 0) -> Any:
        """`re._compiler.compile`, from the stored code where there is one."""
        if not isinstance(p, (str, bytes)) or flags & _compiler.SRE_FLAG_DEBUG:
            return self.original(p, flags)
        key = (p, int(flags))
        hit = self.entries.get(key)
        if hit is not None:
            try:
                final, code, groups, groupindex, indexgroup = hit
                pattern = _sre.compile(p, final, array.array("I", code).tolist(), groups,
                                       groupindex, indexgroup)
                self.used[key] = None
                return pattern
            except (TypeError, ValueError, RuntimeError, OverflowError):
                with self.lock:  # a damaged entry: made again below
                    self.entries.pop(key, None)
        return self._compile_and_keep(p, key)

    def _compile_and_keep(self, p: str | bytes, key: Key) -> Any:
        t0 = time.perf_counter()
        flags = key[1]
        parsed = _parser.parse(p, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry: Entry = (flags | parsed.state.flags, array.array("I", code).tobytes(),
                        parsed.state.groups - 1, groupindex, tuple(indexgroup))
        pattern = _sre.compile(p, entry[0], code, entry[2], groupindex, entry[4])
        with self.lock:
            self.entries[key] = entry
            self.used[key] = None
            self.added += 1
            self.compiling_s += time.perf_counter() - t0
        return pattern

    def save(self, force: bool = False) -> None:
        """Write the entries, merged with any another process wrote since.

        Written when the new ones took `SAVE_AFTER_S` or more to compile (`force`: when
        there is any new one).

        Atomic: a reader sees the old file or the new one, never half of one. A folder
        that can not be written is left alone (the next process compiles again).
        """
        if not self.added or (self.compiling_s < SAVE_AFTER_S and not force):
            return
        with self.lock:
            merged = {**self._read(self.path), **self.entries}
        if len(merged) > MAX_ENTRIES:  # full: only what this process used, newest last
            kept = list(self.used)[-MAX_ENTRIES:]
            merged = {k: self.entries[k] for k in kept if k in self.entries}
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                marshal.dump((FORMAT, merged), fh)
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            return
        self.added, self.compiling_s = 0, 0.0


_installed: RegexCache | None = None


def install(path: Path | None = None) -> RegexCache | None:
    """Put the cache in front of `re`'s compiler for this process (once), saved at exit.

    Args:
        path: the cache file (default: `default_path()`; None there: nothing installed).
    """
    global _installed
    if _installed is not None:
        return _installed
    path = path or default_path()
    if path is None or _compiler is None or not hasattr(_compiler, "_code"):
        return None
    _installed = RegexCache(path)
    _compiler.compile = _installed.compile
    atexit.register(_installed.save)
    return _installed


__all__ = ["FORMAT", "MAX_ENTRIES", "SAVE_AFTER_S", "RegexCache", "default_path", "install"]
