"""Cell values shared by the export formats: empty for missing, numbers as GDELT and POLECAT
write them, dates in ISO form, tab-separated lines a spreadsheet cannot run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from redline.output.cells import spreadsheet_safe

ASSERTED_COLUMN = "Asserted"  # the one extra, final column of a table export's ``--all``
LANGUAGE = "en"  # the language of the text every record is coded from


def asserted_cell(row: dict[str, Any]) -> str:
    """The ``Asserted`` cell of an event row: 1 when the text says it happened, else 0."""
    return "1" if row.get("asserted") else "0"


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
    """One tab-separated line; tabs and line breaks inside a value become spaces, a text a
    spreadsheet would run as a formula gets an apostrophe before it (``output/cells.py``),
    and a value with a double quote is quoted as CSV quotes it (``"He said ""no"" twice"``), so
    that pandas' ``read_csv(sep="\t")`` and Python's ``csv`` read the value back whole,
    quotes and all (a quote opening a value would otherwise swallow the tabs after it)."""
    return "\t".join(_quoted(spreadsheet_safe(
        v.replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")))
        for v in values)


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if '"' in value else value


def joined(actors: list[dict[str, Any]], key: str, sep: str = ";") -> str:
    """One field of each actor, joined position by position."""
    return sep.join(text(a.get(key)) for a in actors)




# Phoenix-style IGO codes (``IGOUNO``, ``IGOEUREEC``) as PLOVER writes them: the United Nations
# ``UNO``, the European Union ``EUR``, every other intergovernmental organisation ``IGO`` (the
# PLOVER manual's non-state code; the organisation's name goes with it).
PLOVER_IGO_CODES = {"IGOUNO": "UNO", "IGOEUR": "EUR"}


def plover_code(code: str) -> str:
    """An actor code as PLOVER writes it: ISO3 and the non-state codes unchanged,
    ``IGOUNO`` -> ``UNO``, ``IGOEUR...`` -> ``EUR``, any other ``IGO...`` -> ``IGO``."""
    code = code.strip().upper()
    if not code.startswith("IGO") or code == "IGO":
        return code
    return PLOVER_IGO_CODES.get(code[:6], "IGO")


def utc(value: datetime) -> datetime:
    """A stored time in UTC, naive: the store's ``TIMESTAMP`` columns hold UTC already (no
    zone); an aware time is converted."""
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo is not None else value


def coordinate(value: Any) -> str:
    """A latitude or longitude to 4 decimals (about 10 m), as GDELT writes them; None -> ''."""
    return "" if value is None else repr(round(float(value), 4))
