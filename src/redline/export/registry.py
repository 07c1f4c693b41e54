"""The export formats by name. Each format is a module of this package with a ``start``
function: given an open text file it writes any header and returns the function that writes
one event row (a stored event with its document's columns, see ``export/rows.py``). Adding a
format is one new module and one line here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import IO, Any

from redline.export import gdelt, plover, polecat, tables

RowWriter = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class EventFormat:
    name: str
    file_name: str  # the file written into a folder given as the target
    start: Callable[[IO[str]], RowWriter]

    @classmethod
    def of(cls, name: str, file_name: str, module: ModuleType) -> EventFormat:
        return cls(name, file_name, module.start)


EVENT_FORMATS: dict[str, EventFormat] = {f.name: f for f in (
    EventFormat.of("plover-jsonl", "events.jsonl", plover),
    EventFormat.of("gdelt", "events.gdelt.tsv", gdelt),
    EventFormat.of("polecat", "events.polecat.tsv", polecat),
    EventFormat.of("csv", "events.csv", tables),
)}
# the store's own tables, written by DuckDB (``export/store.py``), not row by row
TABLE_FORMATS = ("parquet",)
FORMATS = (*EVENT_FORMATS, *TABLE_FORMATS)


def event_format(name: str) -> EventFormat:
    """The format called ``name``; ``ValueError`` naming the choices for any other name."""
    found = EVENT_FORMATS.get(name)
    if found is None:
        raise ValueError(f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}")
    return found
