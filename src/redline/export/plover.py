"""PLOVER JSON lines (``plover-jsonl``): one event record per line.

One JSON object per event and line, with the field names of the current PLOVER manual's
JSON data fields (openeventdata/PLOVER, ``PLOVER_MANUAL.tex``, chapter "Data Fields": the
event record, the actor, text and citation information objects and the location object) as
our issue lists them: ``actor`` and ``recipient`` lists of actor objects with
``entity_text``, ``mode`` a list, ``event_loc`` with ``extracted_place``,
``resolved_place``, ``country_code``, ``lat``, ``lon``, ``geonameid``, ``cite_info`` with
``language`` and ``publication``. (Draft 0.8 of the manual named them differently:
``source`` for ``actor``, ``actor_text`` for ``entity_text``, and a GeoNames-style location
object with ``name``, ``latitude``, ``longitude``, ``feature class``, ``country code``,
``cc3`` ...; redline wrote those until this version, and the schema now refuses them.)
Every record validates against the JSON Schema that ships with redline,
``export/data/plover_event.schema.json`` (:func:`schema`): the manual's required fields
(``id``, ``date``, ``actor``, ``event``), its list fields as lists, its objects with their
own field names and no others. The mapping:

==================  ====================================================================
PLOVER field        redline
==================  ====================================================================
``id``              ``id``
``date``            ``date`` (YYYY-MM-DD; a month or a year: its first day, the precision
                    in ``redline.date_precision``). An event without any date (neither
                    the text nor its document gives one) has none, and is then not a
                    complete PLOVER record: the schema refuses it.
``actor``           ``actor``: a list of actor objects, each ``code`` (the actor code as
                    PLOVER writes it: ISO-3166 alpha-3, ``WST``, and for the Phoenix-style
                    IGO codes ``UNO`` for the United Nations, ``EUR`` for the European
                    Union, else ``IGO``), ``sector``, ``entity_text`` (the text that names
                    the actor) and ``identifier_text`` (our canonical ``name``: the
                    manual's name of the entity the text refers to, as ``identifier_id``
                    would be its id in a knowledge base, which we do not have)
``recipient``       ``recipient``, the same actor objects
``event``           ``[event]`` (the manual makes it a list of categories)
``event_loc``       ``location`` as the manual's location object: ``extracted_place``
                    (the text's words, our ``place``), ``resolved_place`` (the name of
                    the gazetteer feature it was resolved to, e.g. ``Kharkiv``),
                    ``country_code`` (ISO-3166 alpha-3, as our actor codes: ``UKR``),
                    ``admin1`` (the first-order division's name, when known), ``lat``,
                    ``lon``, ``geonameid`` and ``feature_type`` (our feature: ``country``,
                    ``adm1``, ``city`` or ``landmark``). An unresolved place has
                    ``extracted_place`` and, when known, ``country_code`` only, never a
                    point; the pattern that found the words and why the place is
                    unresolved are in ``redline.place_found_by`` and
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
``reported_by``, ``confidence``, ``place_found_by``, ``place_unresolved``, the actors' own
codes where PLOVER writes them otherwise (``actor_codes``, ``recipient_codes``: ``IGOUNO``)
and, for a clustered event, ``num_mentions``, ``num_sources``, ``num_documents``. PLOVER
records every event, asserted or not (``redline.asserted`` says which).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from functools import cache
from importlib import resources
from typing import IO, Any

from redline.export.values import LANGUAGE, actors, iso, plover_code, text, utc
from redline.output.lines import json_line

SCHEMA_FILE = "data/plover_event.schema.json"


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
    acting = actors(row.get("actor"))
    recipients = actors(row.get("recipient"))
    rec["actor"] = [_plover_actor(a) for a in acting]
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
        "place_found_by": loc.get("found_by"),
        "place_unresolved": loc.get("unresolved"),
        "actor_codes": _own_codes(acting),
        "recipient_codes": _own_codes(recipients),
    }
    if row.get("cluster_id"):
        extra.update(num_mentions=row.get("num_mentions"), num_sources=row.get("num_sources"),
                     num_documents=row.get("num_documents"))
    rec["redline"] = {k: v for k, v in extra.items() if v is not None and v != ""}
    return rec


def location_object(loc: dict[str, Any]) -> dict[str, Any]:
    """A stored location as the manual's location object; {} for no place. An unresolved
    place (no feature, or a reason in ``unresolved``) keeps its words and country only."""
    resolved = bool(text(loc.get("feature"))) and not text(loc.get("unresolved"))
    fields: list[tuple[str, Any]] = [
        ("extracted_place", text(loc.get("place"))),
        ("country_code", text(loc.get("country"))),
    ]
    if resolved:
        fields += [
            ("resolved_place", text(loc.get("name"))),
            ("admin1", text(loc.get("adm1"))),
            ("lat", loc.get("lat")),
            ("lon", loc.get("lon")),
            ("geonameid", loc.get("geonameid")),
            ("feature_type", text(loc.get("feature"))),
        ]
    return {k: v for k, v in fields if v is not None and v != ""}


def _own_codes(listed: list[dict[str, Any]]) -> list[str] | None:
    codes = [text(a.get("code")) for a in listed]
    return codes if any(plover_code(c) != c for c in codes) else None


def _plover_actor(actor: dict[str, Any]) -> dict[str, Any]:
    obj = {"code": plover_code(text(actor.get("code")))}
    for ours, theirs in (("sector", "sector"), ("text", "entity_text"),
                         ("name", "identifier_text")):
        if actor.get(ours):
            obj[theirs] = actor[ours]
    return obj


def start(handle: IO[str], marked: bool = False) -> Callable[[dict[str, Any]], None]:
    """One record a line (``marked`` changes nothing: ``redline.asserted`` is always there)."""
    def write(row: dict[str, Any]) -> None:
        handle.write(json_line(plover_record(row)) + "\n")
    return write
