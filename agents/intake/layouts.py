"""Cluster layouts: how many nodes, how many accelerators on each node, and the total.

Engineers state a cluster as nodes times accelerators per node, in prose ("2 nodes x 8
H100", "two 8-GPU H100 nodes", "H100 x8 per node, 4 nodes", "two boxes of eight"), in
shorthand ("2n x 8g"), in config keys and launcher flags ("nodes: 4 / gpus_per_node: 8",
"--nnodes=2 --nproc_per_node=8", Slurm "-N 2 --gres=gpu:a100:4", Kubernetes
"replicas: 2" beside "nvidia.com/gpu: 4"), or refer back to a box ("... per 8xA100 node.
give me 2 such nodes"). The README counts the **total** (`gpu_count`: "2 nodes x 8 H100"
-> 16), so every form multiplies nodes by the per-node count.

The node noun, the per-node markers and the launcher keys are defined here once;
`hardware.find_hardware` reads every layout through this module. A count of something that
is no accelerator ("4 workers of CPU", "2 servers of 64 cores", "--num_workers 8") is not
read: the per-node number must name accelerators, a per-node key, or end the clause.
"""

from __future__ import annotations

import re

from agents.intake.text import Hit
from agents.intake.units import QTY, parse_number

_I = re.IGNORECASE
#: One node, in any of the words people use for it ("a box", "the host", "a rig").
NODE_ONE = r"(?:node|server|machine|box|host|instance|rig|workstation)"
#: Nodes in other languages: Polish "2 nody po 8 x H200", German "2 Knoten mit 8 A100",
#: French "2 nœuds de 8", Spanish / Portuguese "2 servidores de 8", Italian "2 nodi da 8"
_FOREIGN_NODES = (r"nody|węzł(?:y|ów|ach)|serwer(?:y|ów)|knoten|rechner|n(?:œ|oe)uds|serveurs|"
                  r"nodos|servidores|nodi|nós|máquinas|macchine")
#: A node noun, singular or plural.
NODE = (r"(?:nodes?|servers?|machines?|box(?:es)?|hosts?|instances?|rigs?|workstations?|"
        rf"{_FOREIGN_NODES})")
_NODES = rf"(?:nodes|servers|machines|boxes|hosts|instances|rigs|workstations|{_FOREIGN_NODES})"
TIMES = r"(?:x|×|\*)"
#: Accelerator nouns a per-node count may carry.
DEVICES = r"(?:gpus?|cards?|accelerators?|(?:tpu\s+)?chips?|devices)"
#: "per node", "each", "/node", "a box": the count before it is one node's share.
PER_NODE = rf"(?:per|each|/|a)\s*{NODE_ONE}\b"

# --- the noun next to an accelerator name ("2 nodes x 8 H100", "two 8-GPU H100 nodes") ----
#: "2 nodes x 8", "three servers with 4", "two boxes of eight": nodes, then one node's count
_NODES_OF = (rf"(?P<nodes>{QTY})\s+{NODE}\s*,?\s*(?:{TIMES}|with|of|each with|having|,|po|mit|"
             r"je|avec|de|con|com|da|met)\s*"
             rf"(?P<per>{QTY})\s?{TIMES}?\s*")
_NODES_BEFORE = re.compile(rf"{_NODES_OF}$", _I)
_SIZED_NODES = re.compile(rf"(?P<nodes>{QTY})\s*(?:(?<=\d)\s*{TIMES}\s*|\s)(?P<per>\d+)[- ]?"
                          rf"(?:gpus?|x|way)\s*$", _I)
_NODE_AFTER = re.compile(rf"^\s*{_NODES}\b", _I)
#: "one 8-way H200 box", "an 8-GPU A100 server": one box of that many accelerators
BOX_SIZE = re.compile(r"(?P<n>\d+)[- ](?:way|gpu)\s+$", _I)
_BOX_AFTER = re.compile(rf"^\s*{NODE_ONE}\b", _I)
#: "H100 x8 per node, 4 nodes", "8 A100 per server across 2 servers"
_PER_NODE_AFTER = re.compile(
    rf"^(?:\s?{TIMES}\s?\d+)?\s*(?:gpus?\s+|cards\s+)?{PER_NODE}[,;\s]*(?:and\s+|on\s+|"
    rf"across\s+|over\s+|with\s+|x\s*|times\s+)?(?P<nodes>{QTY})\s+{_NODES}\b", _I)
#: "... node plus another identical one", "... box and a second one like it"
_ANOTHER_AFTER = re.compile(rf"^\s*{NODE}?\s*,?\s*(?:plus|and|\+)\s+(?:another|a second|"
                            rf"one more)\s+(?:identical\s+|matching\s+|such\s+)?"
                            rf"(?:one|{NODE_ONE})\b", _I)

# --- a layout with no accelerator name next to it --------------------------------------
#: "3 nodes with 8 GPUs", "two boxes of eight": the per-node count names accelerators or
#: ends the clause ("2 servers of 64 cores" is no layout)
_GENERIC_NODES = re.compile(rf"{_NODES_OF}(?:gpus|accelerators|cards|(?=\s*(?:each\b|[.,;)]|$)))",
                            _I)
#: "2n x 8g", "4n x 8 B200", "2 nodes x 4 A10G": an abbreviated node or GPU unit
_SHORT_LAYOUT = re.compile(
    rf"(?<![\w.])(?P<nodes>\d+)\s*(?:n|{NODE})\s*{TIMES}\s*(?P<per>\d+)\s*"
    r"(?:g\b|gpus?\b|(?=\s*(?:[A-Z]{1,2}\d|TPU|MI\d|RTX)))", _I)
_KEY_START = r"(?:(?<![\w-])|(?<=--))"
#: A key's value: "= 4", ": 4", " 4", and Slurm's typed "a100:4"
_VALUE = r"""\s*[:=]?\s*["']?(?:[a-z][\w-]*:)?(?P<n>\d+)\b"""
#: the node count of launchers and configs: torchrun `--nnodes`, deepspeed `--num_nodes`,
#: accelerate `--num_machines`, Slurm `-N` / `--nodes`, SkyPilot `num_nodes:`, k8s
#: `replicas:` (one pod's resources are its node's)
NODES_KEY = re.compile(rf"{_KEY_START}(?:n_?nodes|num[_-]?nodes|node[_-]?count|nodes|"
                       rf"num[_-]?machines|replicas|(?-i:-N)(?=\s*=?\s*\d))\s*[:=]?\s*"
                       r"(?P<n>\d+)\b", _I)
#: one node's accelerators: torchrun `--nproc_per_node`, Slurm `--gpus-per-node` and
#: `--gres=gpu:a100:4`, k8s `nvidia.com/gpu: 4`, deepspeed `--num_gpus` (per node beside
#: a node count), SkyPilot `accelerators: H100:8`, config `per_node:`
PER_NODE_KEY = re.compile(
    rf"{_KEY_START}(?:gpus?[_-]?per[_-]?node|per[_-]?node|nproc[_-]?per[_-]?node|"
    r"devices[_-]?per[_-]?node|gpus?[_-]?per[_-]?host|accelerators[_-]?per[_-]?node|"
    r"gres\s*=\s*gpu|nvidia\.com/gpu|num[_-]?gpus|(?:accelerators|gpus)(?=\s*[:=]?\s*[\"']?"
    rf"[a-z][\w-]*:\d))(?:{_VALUE})", _I)
#: the whole job's accelerators: accelerate `--num_processes` (also beside a node count)
_TOTAL_KEY = re.compile(rf"{_KEY_START}num[_-]?processes{_VALUE}", _I)
#: the whole job's accelerators in a config: `"gpus": 2`, `gpu_count = 4` (not "gpus: 4x")
_GPUS_KEY = re.compile(r"[\"']?\b(?:gpus|gpu_count|num_gpus|n_gpus|gpu count|number of gpus)\b"
                       r"[\"']?\s*[:=]\s*[\"']?(?P<n>\d{1,4})\b(?!\s*(?:x|×|\*|gb|g\b))", _I)
#: the pod's accelerators when no replica count is given
_POD_KEY = re.compile(rf"(?<![\w-])nvidia\.com/gpu{_VALUE}", _I)
#: prose beside a key: "on 2 nodes, --gpus-per-node 8"; "8 GPUs per node on 2 nodes"
_NODES_PROSE = re.compile(rf"(?<![\w.-])(?P<n>{QTY})\s+{_NODES}\b", _I)
_PER_NODE_PROSE = re.compile(rf"(?<![\w.-])(?P<n>{QTY})\s*{TIMES}?\s*{DEVICES}\s+{PER_NODE}", _I)
#: "2 such nodes", "3 of those boxes", "two identical servers": a box described before
_SUCH_NODES = re.compile(rf"\b(?P<n>{QTY})\s+(?:such|of\s+(?:those|these|them)|identical|"
                         rf"similar|more\s+of\s+(?:those|these))\s+{NODE}\b", _I)
_BOX_END = re.compile(rf"^[\s-]*{NODE}\b", _I)
_BOX_START = re.compile(rf"\b{NODE}\s+(?:with|of|having|carrying)\s+(?:\d+\s*{TIMES}?\s*)?$", _I)


def _whole(raw: str) -> int | None:
    value = parse_number(raw)
    return int(value) if value >= 1 and value == int(value) else None


def nodes_before(before: str, after: str) -> int | None:
    """The total of a layout written around a name: "2 nodes x 8 |H100|", "two 8-GPU |H100| nodes".

    Args:
        before: the text just before the accelerator name.
        after: the text just after it.
    """
    m = _NODES_BEFORE.search(before) or (
        _SIZED_NODES.search(before) if _NODE_AFTER.match(after) else None)
    return int(parse_number(m.group("nodes")) * parse_number(m.group("per"))) if m else None


def one_box(before: str, after: str) -> int | None:
    """The size of one box named around an accelerator: "an 8-GPU |A100| server" -> 8."""
    m = BOX_SIZE.search(before)
    return int(m.group("n")) if m and _BOX_AFTER.match(after) else None


def one_node_after(after: str) -> bool:
    """A single node noun follows the name: "a full H100 |node|" counts nodes, not GPUs."""
    return bool(_BOX_AFTER.match(after))


def times_nodes(count: int | None, after: str) -> int | None:
    """`count` as the total when a node count follows it ("|H100| x8 per node, 4 nodes")."""
    m = _PER_NODE_AFTER.match(after[:60])
    if count and m:
        return int(count * parse_number(m.group("nodes")))
    if count and _ANOTHER_AFTER.match(after[:60]):  # "one 8xH100 node plus another one"
        return count * 2
    return count


def generic_layouts(text: str) -> list[Hit]:
    """Layouts that name no accelerator type: "3 nodes with 8 GPUs" -> 24."""
    out = []
    for m in _GENERIC_NODES.finditer(text):
        value = parse_number(m.group("nodes")) * parse_number(m.group("per"))
        if value >= 1 and value == int(value):
            out.append(Hit(int(value), m.start(), m.end(), m.group(0)))
    return out


def _stated_layout(text: str) -> Hit | None:
    m = _SHORT_LAYOUT.search(text)
    if m:
        total = int(m.group("nodes")) * int(m.group("per"))
        return Hit(total, m.start(), m.end(), "layout")
    nodes, per = NODES_KEY.search(text), PER_NODE_KEY.search(text)
    if nodes and (total_key := _TOTAL_KEY.search(text)):
        return Hit(int(total_key.group("n")), total_key.start(), total_key.end(), "total key")
    if nodes is None and per is not None:
        nodes = _NODES_PROSE.search(text)  # "on 2 nodes, --gpus-per-node 8"
    elif nodes is not None and per is None:
        per = _PER_NODE_PROSE.search(text)  # "-N 4 ... 4 GPUs per node"
    elif nodes is None:
        per = _PER_NODE_PROSE.search(text)  # "8 GPUs per node on 2 nodes"
        nodes = _NODES_PROSE.search(text) if per else None
    if nodes and per and (n := _whole(nodes.group("n"))) and (p := _whole(per.group("n"))):
        return Hit(n * p, min(nodes.start(), per.start()), max(nodes.end(), per.end()), "keys")
    pod = _POD_KEY.search(text)  # "limits: nvidia.com/gpu: 4", one pod
    return Hit(int(pod.group("n")), pod.start(), pod.end(), "pod") if pod else None


def _referred_box(text: str, counts: list[Hit]) -> Hit | None:
    m = _SUCH_NODES.search(text)
    if not m:
        return None
    boxes = [h for h in counts if h.end <= m.start() and (
        _BOX_END.match(text[h.end:h.end + 12])
        or _BOX_START.search(text[max(0, h.start - 24):h.start]))]
    value = _whole(m.group("n"))
    if not boxes or value is None:
        return None
    return Hit(value * int(str(boxes[-1].value)), m.start(), m.end(), "such nodes")


def layout_total(text: str, counts: list[Hit]) -> Hit | None:
    """The whole cluster of a shorthand layout, a key pair or a box referred back to.

    Args:
        text: the request (model names masked).
        counts: the counts read next to accelerator names, in text order; a box among
            them is what "2 such nodes" multiplies.

    Returns:
        The total, or None when the text states no such layout.
    """
    return _stated_layout(text) or _referred_box(text, counts)


def keyed_total(text: str) -> Hit | None:
    """The whole job's count stated as a config key or launcher flag, when that is all."""
    m = _GPUS_KEY.search(text) or _TOTAL_KEY.search(text)
    n = _whole(m.group("n")) if m else None
    return Hit(n, m.start(), m.end(), m.group(0)) if m and n else None
