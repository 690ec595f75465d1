"""Write the parser's output on labelled sets, so a trainer can read parses without parsing.

Usage (any tree, at any commit since the parser had `problems`; the texts and labels are
read from `--data`, so an old parser meets today's texts):
`PYTHONPATH=<tree> python <this file> OUT_DIR SET [SET ...] [--data DIR]`
writes `OUT_DIR/<set>.json.gz`: per case id, the parse's fields, candidates, problems and
adversarial reasons (`{"crash": ...}` where the parser raised). It imports nothing newer
than `parse_request` and `evals.intake.load_requests`, so it runs in old trees too: that
is how `evals/clarify_blind/` was made (see `evals.train_clarify_model`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
#: what a trainer reads of a parse (the rest, e.g. clarify_reason, is left out)
KEPT = ("kind", "model", "params_b", "method", "precision", "gpu_type", "gpu_count",
        "min_gpu_mem_gb", "dataset_gb", "dataset_tokens", "gpu_hours", "duration_hours",
        "deadline", "earliest_start", "budget_usd", "max_co2_kg", "regions",
        "exclude_regions", "exclude_providers", "interruptible", "objective",
        "needs_clarification", "problems", "adversarial", "candidates")


def dump_parsed(cases: list[Any], **kw: Any) -> dict[str, dict[str, Any]]:
    """Each case's parse as JSON-ready data (a crash as `{"crash": ...}`), by id.

    `kw` goes to `parse_request` (the trainer passes `limits=None`: catalog-free parses, the
    same on every machine, loaded store or not).
    """
    from agents.intake.parser import parse_request

    out: dict[str, dict[str, Any]] = {}
    for c in cases:
        try:
            row = json.loads(parse_request(c.text, c.now, **kw).model_dump_json())
            out[c.id] = {k: row[k] for k in KEPT if k in row}
        except Exception as exc:  # noqa: BLE001 - a crash is kept as data, counted later
            out[c.id] = {"crash": repr(exc)}
    return out


def write(path: Path, rows: dict[str, dict[str, Any]]) -> None:
    """Save one set's parses (gzip JSON, keys sorted, so a rerun writes the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(json.dumps(rows, sort_keys=True).encode(), mtime=0))


def read(path: Path) -> dict[str, dict[str, Any]]:
    """One set's parses as `write` saved them."""
    return json.loads(gzip.decompress(path.read_bytes()))


def main(argv: list[str] | None = None) -> int:
    """Parse each named set and write its file."""
    from evals.intake import load_requests

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("sets", nargs="+", help="set names, e.g. fresh9_heldout")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    for name in args.sets:
        rows = dump_parsed(load_requests(args.data / f"requests_{name}.yaml"))
        write(args.out / f"{name}.json.gz", rows)
        print(name, len(rows), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
