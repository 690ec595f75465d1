"""Dataset parser: an uploaded CSV / Parquet / JSON / JSONL file -> `DatasetSpec` via DuckDB."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from gridwise.errors import UserError
from gridwise.models import DatasetSpec

READERS = {".csv": "read_csv", ".tsv": "read_csv", ".parquet": "read_parquet",
           ".json": "read_json", ".jsonl": "read_json", ".ndjson": "read_json"}
_MEDIA = {
    "image": re.compile(r"\.(jpe?g|png|webp|gif|bmp|tiff?)$", re.I),
    "audio": re.compile(r"\.(wav|mp3|flac|ogg|m4a)$", re.I),
    "video": re.compile(r"\.(mp4|mov|mkv|avi|webm)$", re.I),
}
SAMPLE_ROWS = 200


def parse_dataset(path: Path) -> DatasetSpec:
    """Schema, rows, bytes and a modality guess for a data file, read with DuckDB.

    Raises:
        UserError: unknown extension, unreadable file, malformed content or not UTF-8
            (the message names the file and what to fix).
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UserError(f"dataset {str(path)!r} has an unsupported type {path.suffix!r}",
                        f"upload one of: {', '.join(sorted(READERS))}")
    if not path.is_file():
        raise UserError(f"dataset {str(path)!r} does not exist", "check the path")
    con = duckdb.connect()
    try:
        literal = "'" + str(path).replace("'", "''") + "'"   # views cannot take parameters
        con.execute(f"CREATE VIEW d AS SELECT * FROM {reader}({literal})")
        columns = {name: str(kind) for name, kind, *_ in con.execute("DESCRIBE d").fetchall()}
        (rows,) = con.execute("SELECT count(*) FROM d").fetchone()  # type: ignore[misc]
        sample = con.execute(f"SELECT * FROM d LIMIT {SAMPLE_ROWS}").fetchall()
    except (duckdb.Error, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0]
        raise UserError(f"dataset {str(path)!r} could not be read: {first}",
                        "check that it is well-formed UTF-8 "
                        f"{path.suffix.lstrip('.').upper()}") from None
    finally:
        con.close()
    size = path.stat().st_size
    return DatasetSpec(size_gb=round(size / 1e9, 6), rows=int(rows), columns=columns,
                       modality=_modality(columns, sample), location=str(path))


def _modality(columns: dict[str, str], sample: list[tuple[object, ...]]) -> str:
    """A guess: media paths in the values win, then text vs tabular by column types."""
    strings = [str(v) for row in sample for v in row if isinstance(v, str)]
    for kind, pattern in _MEDIA.items():
        if strings and sum(bool(pattern.search(s)) for s in strings) >= max(1, len(sample) // 2):
            return kind
    text_cols = [c for c, t in columns.items() if t.startswith("VARCHAR")]
    long_text = [s for s in strings if len(s) > 80]
    if text_cols and (len(long_text) >= max(1, len(sample) // 4)
                      or len(text_cols) == len(columns)):
        return "text"
    return "tabular"
