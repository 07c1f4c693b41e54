"""PLOVER JSON lines (``plover-jsonl``): one event record per line.

One JSON object per event and line, with the field names of the PLOVER manual's JSON data
fields (openeventdata/PLOVER, ``PLOVER_MANUAL.tex``, draft version 0.8, chapter "Data
Fields": the tables "PLOVER JSON", "Information object for actors", "... for text",
"... for citations" and "Location object"). Every record validates against the JSON Schema
that ships with redline, ``export/data/plover_event.schema.json`` (:func:`schema`), which
writes those tables down: the manual's required fields (``id``, ``date``, ``source``,
``event``), its list fields as lists, its objects with their own field names. The mapping:

==================  ====================================================================
PLOVER field        redline
==================  ====================================================================
``id``              ``id``
``date``            ``date`` (YYYY-MM-DD; a month or a year: its first day, the precision
                    in ``redline.date_precision``). An event without any date (neither
                    the text nor its document gives one) has none, and is then not a
                    complete PLOVER record: the schema refuses it.
``source``          ``actor``: a list of actor objects, each ``code`` (the actor code as
                    PLOVER writes it: ISO3, ``WST``, and for the Phoenix-style IGO codes
                    ``UNO`` for the United Nations, ``EUR`` for the European Union, else
                    ``IGO``), ``sector``, ``actor_text`` (the text that names it),
                    ``identifier_text`` (our canonical ``name``)
``recipient``       ``recipient``, the same actor objects
``event``           ``[event]`` (the manual makes it a list of categories)
``event_loc``       ``location`` as the manual's location object (GeoNames' fields):
                    ``geonameid``, ``name`` (the resolved name), ``latitude``,
                    ``longitude``, ``feature class`` and ``feature code`` (``A``/``PCLI``
                    a country, ``A``/``ADM1`` a first-order division, ``P`` a city),
                    ``country code`` (ISO-3166 alpha-2), ``cc3`` (alpha-3),
                    ``admin1 code`` (GeoNames' code of the division, ``07`` of our
                    ``UP07``). An unresolved place has its country codes only; the text's
                    words, the pattern that found them and why a place is unresolved are
                    in ``redline.place``, ``redline.place_found_by``,
                    ``redline.place_unresolved``
``quad_code``       ``quad``
``event_scale``     ``intensity`` (the PLOVER intensity)
``mode``            ``[mode]`` (a list of modes, as the manual has it)
``context``         ``context`` (a list)
``link``            the ``cluster_id`` of the event's duplicate cluster (the manual's
                    "common reference across multiple related events")
``text``            ``sentence``
``text_info``       ``{"sequence": sentence_index}``
``cite_info``       ``citation`` (our document id), ``url``, ``title``, ``publication``
                    (the document's ``source``), ``language`` (``en``: redline codes
                    English only)
``coder``           ``coder``
``coded_date``      the date of the document's ``ingested_at`` (UTC)
``coded_time``      the time of the document's ``ingested_at`` (HH:MM:SS, UTC)
==================  ====================================================================

Empty values are omitted, never invented; so are the PLOVER fields we have nothing for
(``has_event``, ``time``, ``enddate``, ``endtime``, ``event_text``: our event span is a
document offset and the document text is not stored, ``comment``, and the actor object's
``identifier_id``, ``actor_loc``, ``religion``, ``ethnicity``, ``office``, ``gender``,
``age``). Our fields without a PLOVER name go, as the manual allows ("Providers should feel
free to include named fields beyond those provided here"), into one extension object
``"redline"``: ``doc_id``, ``date_precision``, ``cameo``, ``asserted``, ``modality``,
``reported_by``, ``confidence``, the place fields above, the actors' own codes where PLOVER
writes them otherwise (``source_codes``, ``recipient_codes``: ``IGOUNO``) and, for a
clustered event, ``num_mentions``, ``num_sources``, ``num_documents``. PLOVER records every
event, asserted or not (``redline.asserted`` says which).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from functools import cache
from importlib import resources
from typing import IO, Any

from redline.export.values import actors, iso, plover_code, text, utc
from redline.output.lines import json_line
from redline.whenwhere.countries import country

SCHEMA_FILE = "data/plover_event.schema.json"
LANGUAGE = "en"
# our feature types as GeoNames' feature class and code (a city's code varies: PPL, PPLA,
# PPLC ... and is not stored, nor is a landmark's class)
FEATURE_CODES = {"country": ("A", "PCLI"), "adm1": ("A", "ADM1"), "city": ("P", "")}


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of a PLOVER event record as redline writes it."""
    path = resources.files("redline.export").joinpath(SCHEMA_FILE)
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """An event row (with its document columns) as a PLOVER JSON event record."""
    rec: dict[str, Any] = {"id": row["id"]}
    if row.get("date") is not None:
        rec["date"] = iso(row["date"])
    sources = actors(row.get("actor"))
    recipients = actors(row.get("recipient"))
    rec["source"] = [_plover_actor(a) for a in sources]
    if recipients:
        rec["recipient"] = [_plover_actor(a) for a in recipients]
    if row.get("event"):
        rec["event"] = [row["event"]]
    loc = row.get("location") or {}
    event_loc = location_object(loc)
    if event_loc:
        rec["event_loc"] = event_loc
    if row.get("quad") is not None:
        rec["quad_code"] = row["quad"]
    if row.get("intensity") is not None:
        rec["event_scale"] = row["intensity"]
    if row.get("mode"):
        rec["mode"] = [row["mode"]]
    if row.get("context"):
        rec["context"] = list(row["context"])
    if row.get("cluster_id"):
        rec["link"] = row["cluster_id"]
    if row.get("sentence"):
        rec["text"] = row["sentence"]
    if row.get("sentence_index") is not None:
        rec["text_info"] = {"sequence": row["sentence_index"]}
    cite = {k: v for k, v in (("citation", row.get("doc_id")), ("url", row.get("doc_url")),
                              ("title", row.get("doc_title")),
                              ("publication", row.get("doc_source"))) if v}
    cite["language"] = LANGUAGE
    rec["cite_info"] = cite
    if row.get("coder"):
        rec["coder"] = row["coder"]
    ingested = row.get("doc_ingested_at")
    if isinstance(ingested, datetime):
        ingested = utc(ingested)
        rec["coded_date"] = ingested.date().isoformat()
        rec["coded_time"] = ingested.time().replace(microsecond=0).isoformat()
    extra: dict[str, Any] = {
        "doc_id": row.get("doc_id"),
        "date_precision": row.get("date_precision"),
        "cameo": row.get("cameo"),
        "asserted": row.get("asserted"),
        "modality": list(row.get("modality") or []),
        "reported_by": _plover_actor(row["reported_by"]) if row.get("reported_by") else None,
        "confidence": row.get("confidence"),
        "place": loc.get("place"),
        "place_found_by": loc.get("found_by"),
        "place_unresolved": loc.get("unresolved"),
        "source_codes": _own_codes(sources),
        "recipient_codes": _own_codes(recipients),
    }
    if row.get("cluster_id"):
        extra.update(num_mentions=row.get("num_mentions"), num_sources=row.get("num_sources"),
                     num_documents=row.get("num_documents"))
    rec["redline"] = {k: v for k, v in extra.items() if v is not None and v != ""}
    return rec


def location_object(loc: dict[str, Any]) -> dict[str, Any]:
    """A stored location as the manual's location object (GeoNames' field names); {} for no
    place."""
    iso3 = text(loc.get("country"))
    found = country(iso3) if iso3 else None
    feature_class, feature_code = FEATURE_CODES.get(text(loc.get("feature")), ("", ""))
    adm1_code = text(loc.get("adm1_code"))
    fields = (
        ("geonameid", loc.get("geonameid")),
        ("name", text(loc.get("name")) if loc.get("feature") else ""),
        ("latitude", loc.get("lat")),
        ("longitude", loc.get("lon")),
        ("feature class", feature_class),
        ("feature code", feature_code),
        ("country code", found.iso2 if found else ""),
        ("cc3", iso3),
        ("admin1 code", adm1_code[2:] if len(adm1_code) > 2 else ""),
    )
    return {k: v for k, v in fields if v is not None and v != ""}


def _own_codes(listed: list[dict[str, Any]]) -> list[str] | None:
    codes = [text(a.get("code")) for a in listed]
    return codes if any(plover_code(c) != c for c in codes) else None


def _plover_actor(actor: dict[str, Any]) -> dict[str, Any]:
    obj = {"code": plover_code(text(actor.get("code")))}
    for ours, theirs in (("sector", "sector"), ("text", "actor_text"),
                         ("name", "identifier_text")):
        if actor.get(ours):
            obj[theirs] = actor[ours]
    return obj


def start(handle: IO[str], marked: bool = False) -> Callable[[dict[str, Any]], None]:
    """One record a line (``marked`` changes nothing: ``redline.asserted`` is always there)."""
    def write(row: dict[str, Any]) -> None:
        handle.write(json_line(plover_record(row)) + "\n")
    return write
