#!/usr/bin/env bash
# Intake on one labelled request file through the three LLM paths, one result line each:
#   --llm none      the deterministic parser
#   --llm embedded  the packaged model behind gridwise's own llama.cpp server
#   --llm endpoint  the documented endpoint path against `python -m llama_cpp.server` on the
#                   packaged SmolLM2 GGUF, started on a free loopback port and stopped by pid
# Usage: bench/llm_intake_paths.sh evals/data/requests_dev.yaml
set -euo pipefail
if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: bench/llm_intake_paths.sh REQUESTS.yaml (a labelled set such as evals/data/requests_dev.yaml)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
exec "$PY" -m bench.bench_intake_llm --requests "$1" --paths none,embedded,endpoint --lines
