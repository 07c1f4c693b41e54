"""The export formats by name. Each format is a module of this package with a ``start``
function: given an open text file (and ``marked``, see below) it writes any header and
returns the function that writes one event row (a stored event with its document's columns,
see ``export/rows.py``). Adding a format is one new module and one line here.

``asserted_only`` is the format's default: GDELT and POLECAT hold only events that happened,
so ``gdelt`` and ``polecat`` write only the asserted events unless asked for all (``--all``),
and then ``marked`` is true and they add a final ``Asserted`` column; ``plover-jsonl`` and
``csv`` write every event and say which are asserted in their own fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import IO, Any

from redline.export import gdelt, plover, polecat, tables

RowWriter = Callable[[dict[str, Any]], None]
Start = Callable[[IO[str], bool], RowWriter]


@dataclass(frozen=True)
class EventFormat:
    name: str
    file_name: str  # the file written into a folder given as the target
    start: Start  # (handle, marked) -> the row writer
    asserted_only: bool = False  # the default: only the asserted events

    @classmethod
    def of(cls, name: str, file_name: str, module: ModuleType,
           asserted_only: bool = False) -> EventFormat:
        return cls(name, file_name, module.start, asserted_only)

    def selects_asserted(self, requested: bool | None) -> bool:
        """Whether to write only asserted events: as ``requested`` (``--asserted-only``:
        True, ``--all``: False), else the format's default."""
        return self.asserted_only if requested is None else requested

    def marks(self, asserted_only: bool) -> bool:
        """Whether rows get the ``Asserted`` column: a format that holds only asserted
        events by default, asked for all of them."""
        return self.asserted_only and not asserted_only


EVENT_FORMATS: dict[str, EventFormat] = {f.name: f for f in (
    EventFormat.of("plover-jsonl", "events.jsonl", plover),
    EventFormat.of("gdelt", "events.gdelt.tsv", gdelt, asserted_only=True),
    EventFormat.of("polecat", "events.polecat.tsv", polecat, asserted_only=True),
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
