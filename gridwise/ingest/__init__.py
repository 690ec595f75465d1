"""Ingest: one loader per source, turning source files into the store's tables.

Licence-restricted sources (catalogs, carbon, prices, openb) are read from the folder
in `Settings.source_dir` and compacted into Parquet under `Settings.cache_dir`; the
self-authored tables in the repository's `data/` are read directly. Query code never
imports this package.
"""
