"""Which files make up one zone's series: the base file, later years beside it, a live fetch.

A series folder (`carbon/electricitymaps/`, `prices/`) holds `<ZONE>.csv` and may hold more
files of the same zone beside it, named `<ZONE>_<anything>.csv` or `<ZONE>.<anything>.csv`
(e.g. `DE-LU_2024.csv`, or `DE-LU.fetched.csv` written by `gridwise data fetch`). They are
merged: hours that two files both give must agree (or the load fails and names both files
and the hour), except that a fetched file supersedes the others (live data revises).
A file that names no known zone fails the load instead of being silently ignored.

A source folder that `gridwise data fetch` made (it has `FETCHED.json`) may be partial:
the zones, markets and catalogs it lacks are simply not loaded.
"""

from __future__ import annotations

from pathlib import Path

from gridwise.errors import DataFileError

FETCHED_MANIFEST = "FETCHED.json"
FETCHED_SUFFIX = ".fetched.csv"


def is_partial(source_dir: Path) -> bool:
    """Whether `source_dir` was made (or topped up) by `gridwise data fetch`."""
    return (source_dir / FETCHED_MANIFEST).is_file()


def is_fetched(path: Path) -> bool:
    """Whether `path` was written by a live fetch (it then supersedes the other files)."""
    return path.name.endswith(FETCHED_SUFFIX)


def zone_files(folder: Path, zones: tuple[str, ...], what: str) -> dict[str, list[Path]]:
    """Per zone, its files in `folder` (base first, then the others by name).

    Raises:
        DataFileError: a CSV (or a sub-folder) that names no known zone.
    """
    out: dict[str, list[Path]] = {z: [] for z in zones}
    if not folder.is_dir():
        return out
    by_length = sorted(zones, key=len, reverse=True)
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() or path.suffix.lower() != ".csv":
            if path.is_dir() or path.suffix.lower() in (".csv", ".parquet", ".gz"):
                raise DataFileError(path, f"is not a {what} file gridwise can place",
                                    f"put a later year beside the old files as "
                                    f"<ZONE>_<YEAR>.csv in {str(folder)!r}, with the same "
                                    "header")
            continue  # SOURCE.md, README and the like
        stem = path.name[:-4]
        zone = next((z for z in by_length if stem == z or stem.startswith((z + "_", z + "."))),
                    None)
        if zone is None:
            raise DataFileError(path, f"names no known {what} (known: {', '.join(zones)})",
                                f"rename it <ZONE>_<anything>.csv for a known zone, or move it "
                                f"out of {str(folder)!r}; nothing was loaded")
        out[zone].append(path)
    for z, files in out.items():
        files.sort(key=lambda p: (p.name != f"{z}.csv", is_fetched(p), p.name))
    return out
