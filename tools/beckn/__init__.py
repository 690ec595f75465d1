"""Beckn 1.1-shaped messages for gridwise's compute domain (`compute:ml-jobs:0.1`).

- `messages`: typed builders and parsers, search to on_status (re-exports `catalog`
  and `context`).
- `validate`: JSON Schema validation (`schemas/*.json`, gridwise's own) and NACKs.
- `transport`: the in-process transport between the coordinator and cluster agents.
"""
