"""CSV tables (``csv``): one flat row per event, commitment or document, the columns derived
from the records' fields (``records.py``) as the store holds them (``store/columns.py``).

A list of actors becomes three columns, codes, sectors and names, each joined with ``;``
position by position (``actor``, ``actor_sector``, ``actor_name``); a single actor
(``reported_by``) its code; a place ``location_country`` and ``location_place``; a trigger
or response its actor codes, type, mode and recipient codes (``trigger_actor`` ...); lists
of words are joined with ``;``; dates are ISO. Character spans and MinHash signatures are
left out. The sentence comes last, where a long text is easiest to read in a spreadsheet.

``redline code --format csv`` and ``redline export --format csv`` write these same tables:
events to a file or a stream; to a folder also ``commitments.csv`` (and, from the store,
``documents.csv``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from typing import IO, Any

from redline.export.values import actors, iso, joined, text
from redline.output.cells import spreadsheet_safe_row
from redline.records import ACTOR_FIELDS, DOCUMENT_FIELDS, LOCATION_FIELDS, SKETCH_FIELDS, Field
from redline.store.columns import COMMITMENT_COLUMNS, EVENT_COLUMNS

LAST = "sentence"
ACTOR_PARTS = {"": "code", "_sector": "sector", "_name": "name"}
assert set(ACTOR_PARTS.values()) <= {f.name for f in ACTOR_FIELDS}


def _cells(field: Field, value: Any) -> dict[str, Any]:
    """A field's value as named CSV cells."""
    name, kind = field.name, field.kind
    if kind == "actors":
        listed = actors(value)
        return {name + suffix: joined(listed, key) for suffix, key in ACTOR_PARTS.items()}
    if kind == "actor":
        return {name: text((value or {}).get("code"))}
    if kind == "location":
        return {f"{name}_{f.name}": text((value or {}).get(f.name)) for f in LOCATION_FIELDS}
    if kind == "sketch":
        sketch = value or {}
        return {f"{name}_{f.name}": (joined(actors(sketch.get(f.name)), "code")
                                     if f.kind == "actors" else text(sketch.get(f.name)))
                for f in SKETCH_FIELDS}
    if kind == "texts":
        return {name: ";".join(value or [])}
    if kind in ("day", "timestamp"):
        return {name: iso(value)}
    if kind in ("spans", "hashes"):
        return {}
    return {name: value}


def csv_row(row: dict[str, Any], columns: Sequence[Field]) -> dict[str, Any]:
    """A stored row (or a record's JSON object with its ``doc_key``) as CSV cells."""
    cells: dict[str, Any] = {}
    for field in columns:
        cells.update(_cells(field, row.get(field.name)))
    if LAST in cells:
        cells[LAST] = cells.pop(LAST)
    return cells


def csv_columns(columns: Sequence[Field]) -> tuple[str, ...]:
    """The CSV header of a table of these columns."""
    return tuple(csv_row({}, columns))


EVENT_CSV_COLUMNS = csv_columns(EVENT_COLUMNS)
COMMITMENT_CSV_COLUMNS = csv_columns(COMMITMENT_COLUMNS)
DOCUMENT_CSV_COLUMNS = csv_columns(DOCUMENT_FIELDS)
TABLES: dict[str, tuple[Sequence[Field], tuple[str, ...]]] = {
    "events": (EVENT_COLUMNS, EVENT_CSV_COLUMNS),
    "commitments": (COMMITMENT_COLUMNS, COMMITMENT_CSV_COLUMNS),
    "documents": (DOCUMENT_FIELDS, DOCUMENT_CSV_COLUMNS),
}


def start_table(handle: IO[str], table: str) -> Callable[[dict[str, Any]], None]:
    """Write the table's header; return the function that writes one row of it."""
    columns, header = TABLES[table]
    writer = csv.DictWriter(handle, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()

    def write(row: dict[str, Any]) -> None:
        writer.writerow(spreadsheet_safe_row(csv_row(row, columns)))
    return write


def start(handle: IO[str], marked: bool = False) -> Callable[[dict[str, Any]], None]:
    """The events table (the format's single-file form; ``marked`` changes nothing: the table
    has its ``asserted`` column)."""
    return start_table(handle, "events")
