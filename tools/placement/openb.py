"""Loaders for the Alibaba openb node and pod lists (cluster-trace-gpu-v2023).

The traces are licence-restricted: they are read from `<source_dir>/openb/` and never
copied into the repository. Bad rows never crash a load: each one is kept as a
`Rejected` record with the reason, and reported as unschedulable.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from gridwise.errors import DataFileError, SourceDirError, UnknownNameError
from tools.placement.state import GPU_MILLI, MAX_GPUS, ClusterState, Pod

NODE_FILE = "openb_node_list_gpu_node.csv"
POD_PREFIX = "openb_pod_list_"
POD_COLUMNS = ("name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli")
NODE_COLUMNS = ("sn", "cpu_milli", "memory_mib", "gpu", "model")


@dataclass(frozen=True)
class Rejected:
    """A row that cannot be scheduled, with its 1-based line number and the reason."""

    line: int
    name: str
    reason: str


@dataclass
class NodeList:
    """A node inventory read from a node-list CSV."""

    path: Path
    names: list[str] = field(default_factory=list)
    cpu_milli: list[int] = field(default_factory=list)
    memory_mib: list[int] = field(default_factory=list)
    num_gpu: list[int] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def state(self) -> ClusterState:
        """An empty cluster built from this inventory."""
        return ClusterState.from_inventory(self.names, self.cpu_milli, self.memory_mib,
                                           self.num_gpu, self.models)


@dataclass
class PodList:
    """Pods read from a pod-list CSV, in file order, plus the rows that were rejected."""

    path: Path
    names: list[str] = field(default_factory=list)
    pods: list[Pod] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Short trace name (`default` for openb_pod_list_default.csv)."""
        return self.path.stem.removeprefix(POD_PREFIX)


def openb_dir(source_dir: Path | None) -> Path:
    """The openb folder under the source folder.

    Raises:
        SourceDirError: the source folder is unset or has no openb folder.
    """
    if source_dir is None:
        raise SourceDirError(
            "the source data folder is not configured (needed for the openb traces)",
            "set GRIDWISE_SOURCE_DIR to the folder holding openb/ (in development: ../shared/data)",
        )
    folder = Path(source_dir) / "openb"
    if not folder.is_dir():
        raise SourceDirError(
            f"no openb folder at {str(folder)!r}",
            "point GRIDWISE_SOURCE_DIR at the folder that holds openb/openb_pod_list_*.csv",
        )
    return folder


def resolve_trace(trace: str, source_dir: Path | None) -> Path:
    """A pod-list path from a trace name (`default`, `gpushare40`...) or a CSV path.

    Raises:
        SourceDirError: a trace name was given but the source folder is not usable.
        UnknownNameError: no openb trace has that name.
        DataFileError: a path was given and it does not exist.
    """
    if trace.endswith(".csv") or "/" in trace:
        path = Path(trace)
        if not path.is_file():
            raise DataFileError(path, "file not found", "give an existing openb pod-list CSV")
        return path
    folder = openb_dir(source_dir)
    path = folder / f"{POD_PREFIX}{trace}.csv"
    if not path.is_file():
        known = [p.stem.removeprefix(POD_PREFIX) for p in folder.glob(f"{POD_PREFIX}*.csv")]
        raise UnknownNameError("openb trace", trace, known)
    return path


def node_path(nodes: Path | None, source_dir: Path | None) -> Path:
    """The node list: `nodes` if given, else the 1,213 GPU nodes under the source folder."""
    path = nodes if nodes is not None else openb_dir(source_dir) / NODE_FILE
    if not path.is_file():
        raise DataFileError(path, "node list not found",
                            "pass --nodes PATH or restore openb_node_list_gpu_node.csv")
    return path


def _read(path: Path, required: tuple[str, ...]) -> tuple[list[str], list[list[str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"cannot read it ({exc})") from exc
    if not rows:
        raise DataFileError(path, "the file is empty")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(path, f"missing column(s) {', '.join(missing)}",
                            f"expected a header with {', '.join(required)}")
    return header, rows[1:]


def _int(value: str, what: str) -> int:
    try:
        out = int(value.strip())
    except ValueError:
        raise ValueError(f"{what} {value!r} is not an integer") from None
    if out < 0:
        raise ValueError(f"{what} {out} is negative")
    return out


def load_nodes(path: Path) -> NodeList:
    """Read a node list (`sn,cpu_milli,memory_mib,gpu,model`); bad rows are rejected."""
    header, rows = _read(path, NODE_COLUMNS)
    col = {name: header.index(name) for name in NODE_COLUMNS}
    out = NodeList(path)
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        name = row[col["sn"]].strip() if len(row) > col["sn"] else f"line-{line}"
        try:
            if len(row) < len(header):
                raise ValueError(f"{len(row)} fields, expected {len(header)}")
            cpu = _int(row[col["cpu_milli"]], "cpu_milli")
            mem = _int(row[col["memory_mib"]], "memory_mib")
            gpus = _int(row[col["gpu"]], "gpu")
            if gpus > MAX_GPUS:
                raise ValueError(f"gpu {gpus} is more than {MAX_GPUS}")
            model = row[col["model"]].strip()
            if gpus and not model:
                raise ValueError("a GPU node without a model")
        except ValueError as exc:
            out.rejected.append(Rejected(line, name, str(exc)))
            continue
        out.names.append(name)
        out.cpu_milli.append(cpu)
        out.memory_mib.append(mem)
        out.num_gpu.append(gpus)
        out.models.append(model if gpus else "")
    if not out.names:
        raise DataFileError(path, "no valid node rows")
    return out


def _pod(row: list[str], col: dict[str, int]) -> Pod:
    cpu = _int(row[col["cpu_milli"]], "cpu_milli")
    mem = _int(row[col["memory_mib"]], "memory_mib")
    num = _int(row[col["num_gpu"]], "num_gpu")
    milli = _int(row[col["gpu_milli"]], "gpu_milli")
    spec_cell = row[col["gpu_spec"]].strip() if "gpu_spec" in col else ""
    spec = tuple(s.strip() for s in spec_cell.split("|") if s.strip())
    if milli > GPU_MILLI:
        raise ValueError(f"gpu_milli {milli} is more than one GPU ({GPU_MILLI})")
    if (num == 0) != (milli == 0):
        raise ValueError(f"num_gpu {num} and gpu_milli {milli} disagree")
    if num > 1 and milli < GPU_MILLI:
        raise ValueError(f"{num} GPUs of {milli} milli each: sharing pods use one GPU")
    if num > MAX_GPUS:
        raise ValueError(f"num_gpu {num} is more than {MAX_GPUS} GPUs on one node")
    return Pod(cpu, mem, num, milli, spec if num else ())


def load_pods(path: Path, nodes: NodeList | None = None) -> PodList:
    """Read a pod list (all openb variants, including the 5-column multigpu files).

    With `nodes`, pods that no node could ever host (larger than any node, or a
    `gpu_spec` naming no model in the inventory) are rejected with the reason too.
    """
    header, rows = _read(path, POD_COLUMNS)
    col = {name: header.index(name) for name in (*POD_COLUMNS, "gpu_spec") if name in header}
    out = PodList(path)
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        name = row[col["name"]].strip() if row else f"line-{line}"
        try:
            if len(row) < len(header):
                raise ValueError(f"{len(row)} fields, expected {len(header)}")
            pod = _pod(row, col)
            if nodes is not None:
                _check_fits(pod, nodes)
        except ValueError as exc:
            out.rejected.append(Rejected(line, name, str(exc)))
            continue
        out.names.append(name)
        out.pods.append(pod)
    return out


def _check_fits(pod: Pod, nodes: NodeList) -> None:
    """Raise ValueError when no node of the inventory could ever host `pod`."""
    known = set(nodes.models) - {""}
    if pod.gpu_spec and not known.intersection(pod.gpu_spec):
        unknown = ", ".join(repr(m) for m in pod.gpu_spec if m not in known)
        raise ValueError(f"gpu_spec names no GPU model of the cluster (unknown: {unknown})")
    allowed = [i for i, m in enumerate(nodes.models)
               if not pod.needs_gpu or (m and (not pod.gpu_spec or m in pod.gpu_spec))]
    if not any(nodes.cpu_milli[i] >= pod.cpu_milli and nodes.memory_mib[i] >= pod.memory_mib
               and nodes.num_gpu[i] >= pod.num_gpu for i in allowed):
        raise ValueError("larger than any node of the cluster")
