"""Cell values shared by the export formats: empty for missing, numbers as GDELT and POLECAT
write them, dates in ISO form, tab-separated lines a spreadsheet cannot run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from redline.output.cells import spreadsheet_safe


def text(value: Any) -> str:
    return "" if value is None else str(value)


def actors(value: Any) -> list[dict[str, Any]]:
    return [a for a in (value or []) if a]


def number(value: Any) -> str:
    """A number as GDELT and POLECAT write it: ``-4``, ``3.4``; None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return format(float(value), "g")


def iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date | datetime) else text(value)


def tsv_line(values: Sequence[str]) -> str:
    """One tab-separated line; tabs and line breaks inside a value become spaces, and a text
    a spreadsheet would run as a formula gets an apostrophe before it (``output/cells.py``)."""
    return "\t".join(
        spreadsheet_safe(v.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
                         .replace("\r", " "))
        for v in values)


def joined(actors: list[dict[str, Any]], key: str, sep: str = ";") -> str:
    """One field of each actor, joined position by position."""
    return sep.join(text(a.get(key)) for a in actors)


