"""gridwise tests (a regular package: a dependency, literalai, ships a top-level `tests`)."""
