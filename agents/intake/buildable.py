"""The last check of intake: a request accepted as it stands must build a `JobSpec`.

The extractors and checks know no field's lower bound in full; `JobSpec` does (a budget
of $0, a 0 GB memory floor, a count no job has). Whatever it rejects becomes a question,
so that an accepted request never fails later, in the graph, for a value the user can fix.
Found by `evals.intake_fuzz` ("budget $0" was accepted, then unbuildable).
"""

from __future__ import annotations

from pydantic import ValidationError

from agents.intake.checks import Problem
from agents.intake.schema import ParsedRequest

#: JobSpec field names that differ from the intake field they come from.
_INTAKE_NAME = {"size_gb": "dataset_gb", "tokens": "dataset_tokens", "name": "model"}


def unbuildable(parsed: ParsedRequest) -> list[Problem]:
    """One problem per value `JobSpec` rejects (none when it builds or names no job)."""
    if parsed.kind is None:
        return []
    try:
        parsed._jobspec()
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            name = str(err["loc"][-1]) if err["loc"] else "request"
            name = _INTAKE_NAME.get(name, name)
            out.append(Problem(f"{name} = {err.get('input')!r} is impossible ({err['msg']})",
                               f"The request states {name} = {err.get('input')!r}, which no "
                               "job can have; what is the actual value?", name))
        return out
    return []
