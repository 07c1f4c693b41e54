"""POLECAT weekly-file rows (``polecat``).

Tab-separated, with a header line: the columns of the POLECAT weekly files
(:data:`POLECAT_COLUMNS`, as published on Harvard Dataverse, doi:10.7910/DVN/AJGVIT): the
40 columns of the files from ``Event ID`` to ``Version`` (the older files call
``Event Intensity`` ``Intensity``), then the four the newer files add, ``Headline``,
``Event Text``, ``Feed`` and ``Story ID``. The order of the 40 is that of the files'
header line; where the newer files put the four we could not confirm from a file, so they
come last, which also keeps a reader of the 40 columns by position working.

A missing value is written ``None``, as POLECAT's files write it. By default only asserted
events are written (those the text reports as having happened; POLECAT codes nothing else);
``--all`` writes every event and adds one final column, ``Asserted`` (1 asserted, 0 negated,
hypothetical, conditional, future or intended; :data:`POLECAT_ALL_COLUMNS`).

==========================  =============================================================
POLECAT column              redline
==========================  =============================================================
Event ID                    ``id``
Event Date                  ``date`` (YYYY-MM-DD; a month or a year: its first day)
Event Type, Event Mode      ``event``, ``mode``
Event Intensity             ``intensity`` (the PLOVER intensity, -10..10)
Quad Code                   ``quad`` as POLECAT names it (``VERBAL COOPERATION``,
                            ``MATERIAL COOPERATION``, ``VERBAL CONFLICT``,
                            ``MATERIAL CONFLICT``)
Contexts                    ``context``, joined with ``|``
Actor Name                  the actors' canonical names
Actor Country               the actors' codes as PLOVER writes them: ISO3, ``WST``, IGOs
                            ``UNO`` (United Nations), ``EUR`` (European Union), else ``IGO``
Actor COW                   the Correlates of War state number of the actor's country
                            (the country table, ``whenwhere/countries.py``); ``None`` for
                            an actor that is not a state
Primary Actor Sector        the first actor's sector; Actor Sectors: all, once each
Actor Name Raw              the text that names the actor
Recipient ...               the same for the recipients
Placename                   the place's resolved name, else the text's words
City                        the resolved name when the place is a city
Province                    the first-order division (``adm1``)
Country                     ``location.country`` (ISO3)
Latitude, Longitude         the place's point (a country: its centroid)
GeoNames ID                 ``location.geonameid``
Raw Placename               the text's words for the place (``location.place``)
Feature Type                ``location.feature``: ``country``, ``adm1``, ``city``,
                            ``landmark``
Source                      the document's ``source``
Publication Date            the document's ``date``
Language                    ``en`` (redline codes English text only)
Version                     ``coder``
Headline                    the document's ``title``
Event Text                  the sentence the event was coded from
Story ID                    the document's id
==========================  =============================================================

Several actors (or recipients) are joined with ``"; "`` position by position (a ``None`` in
their place where one has no COW number). ``None``, as we have nothing for them:
``Actor Title``, ``Wikipedia Actor ID`` (and the recipient's), ``District``,
``Story People``, ``Story Organizations``, ``Story Locations``, ``Feed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from redline.export.values import (
    ASSERTED_COLUMN,
    LANGUAGE,
    actors,
    asserted_cell,
    coordinate,
    iso,
    number,
    plover_code,
    text,
    tsv_line,
)
from redline.whenwhere.countries import country

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
    "Headline", "Event Text", "Feed", "Story ID",
)
assert len(POLECAT_COLUMNS) == 44
POLECAT_ALL_COLUMNS = (*POLECAT_COLUMNS, ASSERTED_COLUMN)
MISSING = "None"  # how POLECAT's files write a missing value

POLECAT_QUADS = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT",
                 4: "MATERIAL CONFLICT"}


def _cow(code: str) -> str:
    found = country(code.strip().upper()) if code else None
    return str(found.cow_code) if found is not None and found.cow_code is not None else MISSING


def _joined(values: list[str]) -> str:
    return "; ".join(v or MISSING for v in values) if any(values) else ""


def _polecat_actor(listed: list[dict[str, Any]]) -> dict[str, str]:
    codes = [text(a.get("code")) for a in listed]
    sectors = [text(a.get("sector")) for a in listed if a.get("sector")]
    cows = [_cow(c) for c in codes]
    return {
        "Name": _joined([text(a.get("name")) for a in listed]),
        "Country": _joined([plover_code(c) for c in codes]),
        "COW": "; ".join(cows) if any(c != MISSING for c in cows) else "",
        "Primary Sector": sectors[0] if sectors else "",
        "Sectors": "; ".join(dict.fromkeys(sectors)),
        "Name Raw": _joined([text(a.get("text")) for a in listed]),
    }


def polecat_row(row: dict[str, Any], marked: bool = False) -> list[str]:
    """An event row as the POLECAT columns (strings, in :data:`POLECAT_COLUMNS` order, with
    the ``Asserted`` column after them when ``marked``)."""
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
        "Language": LANGUAGE,
        "Version": text(row.get("coder")),
        "Headline": text(row.get("doc_title")),
        "Event Text": text(row.get("sentence")),
        "Story ID": text(row.get("doc_id")),
    })
    for role, key in (("Actor", "actor"), ("Recipient", "recipient")):
        part = _polecat_actor(actors(row.get(key)))
        for name in ("Name", "Country", "COW", "Sectors", "Name Raw"):
            values[f"{role} {name}"] = part[name]
        values[f"Primary {role} Sector"] = part["Primary Sector"]
    loc = row.get("location") or {}
    feature = text(loc.get("feature"))
    values.update({
        "Placename": text(loc.get("name")) or text(loc.get("place")),
        "City": text(loc.get("name")) if feature == "city" else "",
        "Province": text(loc.get("adm1")),
        "Country": text(loc.get("country")),
        "Latitude": coordinate(loc.get("lat")),
        "Longitude": coordinate(loc.get("lon")),
        "GeoNames ID": number(loc.get("geonameid")),
        "Raw Placename": text(loc.get("place")),
        "Feature Type": feature,
    })
    cells = [values[c] or MISSING for c in POLECAT_COLUMNS]
    if marked:
        cells.append(asserted_cell(row))
    return cells


def start(handle: IO[str], marked: bool = False) -> Callable[[dict[str, Any]], None]:
    """The header line, then one line per event; ``marked`` adds the ``Asserted`` column."""
    handle.write(tsv_line(POLECAT_ALL_COLUMNS if marked else POLECAT_COLUMNS) + "\n")

    def write(row: dict[str, Any]) -> None:
        handle.write(tsv_line(polecat_row(row, marked)) + "\n")
    return write
