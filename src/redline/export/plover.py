"""PLOVER JSON lines (``plover-jsonl``): one event record per line.

One JSON object per event and line, with the field names of the PLOVER manual's JSON
data fields (openeventdata/PLOVER, ``PLOVER_MANUAL.tex``, chapter "JSON Data Fields":
the tables "PLOVER JSON", "Information object for actors", "... for text",
"... for citations" and the location object). The mapping:

==================  ====================================================================
PLOVER field        redline
==================  ====================================================================
``id``              ``id``
``date``            ``date`` (YYYY-MM-DD)
``source``          ``actor``: list of actor objects, each ``code``, ``sector``,
                    ``actor_text`` (our ``text``), ``identifier_text`` (our canonical
                    ``name``)
``recipient``       ``recipient``, the same actor objects
``event``           ``[event]`` (the manual makes it a list of categories)
``event_loc``       ``location``: ``{"cc3": country, "name": place}`` (the manual's
                    ``cc3`` is the ISO-3166 alpha-3 code; we have no alpha-2 code,
                    GeoNames id or coordinates)
``quad_code``       ``quad``
``event_scale``     ``intensity``
``mode``            ``mode``
``context``         ``context`` (a list)
``link``            the ``cluster_id`` of the event's duplicate cluster (the manual's
                    "common reference across multiple related events")
``text``            ``sentence``
``text_info``       ``{"sequence": sentence_index}``
``cite_info``       ``citation`` (our document id), ``url``, ``title``,
                    ``publication`` (the document's ``source``)
``coder``           ``coder``
``coded_date``      the date of the document's ``ingested_at``
``coded_time``      the time of the document's ``ingested_at`` (HH:MM:SS)
==================  ====================================================================

Empty values are omitted, never invented; so are the PLOVER fields we have nothing
for (``has_event``, ``time``, ``enddate``, ``endtime``, ``event_text``: our event span
is a document offset and the document text is not stored, ``comment``, and the actor
object's ``identifier_id``, ``actor_loc``, ``religion``, ``ethnicity``, ``office``,
``gender``, ``age``). Our fields without a PLOVER name go, as the manual allows, into
one extension object ``"redline"``: ``doc_id``, ``date_precision``, ``cameo``,
``asserted``, ``modality``, ``reported_by``, ``confidence`` and, for a clustered event,
``num_mentions``, ``num_sources``, ``num_documents``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import IO, Any

from redline.export.values import actors, iso, text
from redline.output.lines import json_line


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """An event row (with its document columns) as a PLOVER JSON event record."""
    rec: dict[str, Any] = {"id": row["id"]}
    if row.get("date") is not None:
        rec["date"] = iso(row["date"])
    rec["source"] = [_plover_actor(a) for a in actors(row.get("actor"))]
    recipients = [_plover_actor(a) for a in actors(row.get("recipient"))]
    if recipients:
        rec["recipient"] = recipients
    if row.get("event"):
        rec["event"] = [row["event"]]
    loc = row.get("location") or {}
    event_loc = {k: v for k, v in (("cc3", loc.get("country")), ("name", loc.get("place")))
                 if v}
    if event_loc:
        rec["event_loc"] = event_loc
    if row.get("quad") is not None:
        rec["quad_code"] = row["quad"]
    if row.get("intensity") is not None:
        rec["event_scale"] = row["intensity"]
    if row.get("mode"):
        rec["mode"] = row["mode"]
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
    if cite:
        rec["cite_info"] = cite
    if row.get("coder"):
        rec["coder"] = row["coder"]
    ingested = row.get("doc_ingested_at")
    if isinstance(ingested, datetime):
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
    }
    if row.get("cluster_id"):
        extra.update(num_mentions=row.get("num_mentions"), num_sources=row.get("num_sources"),
                     num_documents=row.get("num_documents"))
    rec["redline"] = {k: v for k, v in extra.items() if v is not None and v != ""}
    return rec


def _plover_actor(actor: dict[str, Any]) -> dict[str, Any]:
    obj = {"code": text(actor.get("code"))}
    for ours, theirs in (("sector", "sector"), ("text", "actor_text"),
                         ("name", "identifier_text")):
        if actor.get(ours):
            obj[theirs] = actor[ours]
    return obj


def start(handle: IO[str]) -> Callable[[dict[str, Any]], None]:
    def write(row: dict[str, Any]) -> None:
        handle.write(json_line(plover_record(row)) + "\n")
    return write
