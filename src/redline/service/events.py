"""The events' queries: filters as parameters, pages by a cursor on (date, id).

Events are ordered by their date (events without one first) and then their id; a page's
cursor is the (date, id) of its last event, so the next page starts after it whatever was
stored meanwhile: pages never overlap, and together cover every event present throughout.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from redline.store.query import json_value

NO_DATE = date(1, 1, 1)  # where events without a date sort
_KEY = f"coalesce(e.date, DATE '{NO_DATE.isoformat()}')"

LIST_COLUMNS = ("id", "doc_id", "sentence_index", "date", "date_precision", "actor", "event",
                "mode", "context", "recipient", "cameo", "quad", "intensity", "asserted",
                "modality", "reported_by", "location", "confidence", "sentence")
DETAIL_COLUMNS = (*LIST_COLUMNS, "doc_key", "spans", "coder")


class CursorError(ValueError):
    """A cursor this service did not write."""


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None
    recipient: str | None = None
    event_type: str | None = None
    quad: int | None = None
    asserted: bool | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None


def encode_cursor(day: date | None, event_id: str) -> str:
    payload = json.dumps([(day or NO_DATE).isoformat(), event_id]).encode("utf-8")
    return base64.urlsafe_b64encode(payload).decode("ascii")


def decode_cursor(cursor: str) -> tuple[date, str]:
    try:
        day, event_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        if not isinstance(day, str) or not isinstance(event_id, str):
            raise ValueError
        return date.fromisoformat(day), event_id
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise CursorError("the cursor is not one this service wrote") from None


def _codes_match(column: str) -> str:
    """An actor list column holding an actor of the given code (RUS also finds RUSGOV)."""
    return f"len(list_filter(e.{column}, lambda a: starts_with(a.code, ?))) > 0"


def _where(flt: EventFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.actor:
        clauses.append(_codes_match("actor"))
        params.append(flt.actor)
    if flt.recipient:
        clauses.append(_codes_match("recipient"))
        params.append(flt.recipient)
    if flt.event_type:
        clauses.append("e.event = ?")
        params.append(flt.event_type)
    if flt.quad is not None:
        clauses.append("e.quad = ?")
        params.append(flt.quad)
    if flt.asserted is not None:
        clauses.append("e.asserted = ?")
        params.append(flt.asserted)
    if flt.since:
        clauses.append("e.date >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append("e.date <= ?")
        params.append(flt.until)
    if flt.text:
        clauses.append("contains(lower(e.sentence), ?)")
        params.append(flt.text.lower())
    return clauses, params


def _columns(names: tuple[str, ...]) -> str:
    return ", ".join(f'e."{name}"' for name in names)


def list_events(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int,
                cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
    """A page of at most ``limit`` events after ``cursor``, and the next page's cursor (None
    after the last page)."""
    clauses, params = _where(flt)
    if cursor is not None:
        day, event_id = decode_cursor(cursor)
        clauses.append(f"({_KEY} > ? OR ({_KEY} = ? AND e.id > ?))")
        params += [day, day, event_id]
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (f"SELECT {_columns(LIST_COLUMNS)} FROM events e {where} "
           f"ORDER BY {_KEY}, e.id LIMIT ?")
    result = con.execute(sql, [*params, limit + 1])
    names = [d[0] for d in result.description or ()]
    rows = [dict(zip(names, (json_value(v) for v in row), strict=True))
            for row in result.fetchall()]
    more = len(rows) > limit
    rows = rows[:limit]
    following = None
    if more and rows:
        last = rows[-1]
        following = encode_cursor(date.fromisoformat(last["date"]) if last["date"] else None,
                                  last["id"])
    return rows, following


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """An event with its sentence, spans and document; None when there is none."""
    result = con.execute(
        f"SELECT {_columns(DETAIL_COLUMNS)}, d.title AS document_title, d.url AS document_url, "
        "d.source AS document_source, d.date AS document_date FROM events e "
        "LEFT JOIN documents d ON d.doc_key = e.doc_key WHERE e.id = ? LIMIT 1", [event_id])
    names = [d[0] for d in result.description or ()]
    row = result.fetchone()
    if row is None:
        return None
    values = dict(zip(names, (json_value(v) for v in row), strict=True))
    values["document"] = {key: values.pop(f"document_{key}")
                          for key in ("title", "url", "source", "date")}
    return values
