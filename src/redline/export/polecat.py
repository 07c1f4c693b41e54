"""POLECAT weekly-file rows (``polecat``).

Tab-separated, with a header line: the 40 columns of the POLECAT weekly files
(:data:`POLECAT_COLUMNS`, as published on Harvard Dataverse, doi:10.7910/DVN/AJGVIT;
the older files call ``Event Intensity`` ``Intensity``). Filled: ``Event ID``,
``Event Date``, ``Event Type``, ``Event Mode``, ``Event Intensity``, ``Quad Code``
(``VERBAL COOPERATION``, ``MATERIAL COOPERATION``, ``VERBAL CONFLICT``,
``MATERIAL CONFLICT``), ``Contexts`` (joined with ``|``), ``Actor Name``,
``Actor Country``, ``Actor Name Raw`` (the text), ``Primary Actor Sector``,
``Actor Sectors``, the same for ``Recipient``, ``Placename`` and ``Country`` (from
``location``; ISO3, as POLECAT), ``Source`` (the document's source),
``Publication Date`` (the document's date), ``Version`` (our ``coder``). Several
actors (or recipients) are joined with ``"; "``. Left empty, as we have nothing for
them: ``Actor COW``, ``Actor Title``, ``Wikipedia Actor ID``, ``Recipient COW``,
``Recipient Title``, ``Wikipedia Recipient ID``, ``City``, ``District``,
``Province``, ``Latitude``, ``Longitude``, ``GeoNames ID``, ``Raw Placename``,
``Feature Type``, ``Story People``, ``Story Organizations``, ``Story Locations``,
``Language``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from redline.export.values import actors, iso, joined, number, text, tsv_line

POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations",
    "Language", "Version",
)
assert len(POLECAT_COLUMNS) == 40

POLECAT_QUADS = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT",
                 4: "MATERIAL CONFLICT"}

def _polecat_actor(actors: list[dict[str, Any]]) -> dict[str, str]:
    sectors = [text(a.get("sector")) for a in actors if a.get("sector")]
    return {
        "Name": joined(actors, "name", "; "),
        "Country": joined(actors, "code", "; "),
        "Primary Sector": sectors[0] if sectors else "",
        "Sectors": "; ".join(dict.fromkeys(sectors)),
        "Name Raw": joined(actors, "text", "; "),
    }


def polecat_row(row: dict[str, Any]) -> list[str]:
    """An event row as the POLECAT columns (strings, in :data:`POLECAT_COLUMNS` order)."""
    values = dict.fromkeys(POLECAT_COLUMNS, "")
    quad = row.get("quad")
    values.update({
        "Event ID": text(row.get("id")),
        "Event Date": iso(row.get("date")),
        "Event Type": text(row.get("event")),
        "Event Mode": text(row.get("mode")),
        "Event Intensity": number(row.get("intensity")),
        "Quad Code": POLECAT_QUADS.get(quad, text(quad)) if quad is not None else "",
        "Contexts": "|".join(row.get("context") or []),
        "Source": text(row.get("doc_source")),
        "Publication Date": iso(row.get("doc_date")),
        "Version": text(row.get("coder")),
    })
    for role, key in (("Actor", "actor"), ("Recipient", "recipient")):
        part = _polecat_actor(actors(row.get(key)))
        values[f"{role} Name"] = part["Name"]
        values[f"{role} Country"] = part["Country"]
        values[f"Primary {role} Sector"] = part["Primary Sector"]
        values[f"{role} Sectors"] = part["Sectors"]
        values[f"{role} Name Raw"] = part["Name Raw"]
    loc = row.get("location") or {}
    values["Placename"] = text(loc.get("place"))
    values["Country"] = text(loc.get("country"))
    return [values[c] for c in POLECAT_COLUMNS]


def start(handle: IO[str]) -> Callable[[dict[str, Any]], None]:
    handle.write(tsv_line(POLECAT_COLUMNS) + "\n")

    def write(row: dict[str, Any]) -> None:
        handle.write(tsv_line(polecat_row(row)) + "\n")
    return write
