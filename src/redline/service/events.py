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


def _key(alias: str) -> str:
    """The first sort key of the events' order, of the table (or subquery) ``alias``."""
    return f"coalesce({alias}.date, DATE '{NO_DATE.isoformat()}')"


_KEY = _key("e")

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


def literal_pattern(text: str) -> str:
    """A regular expression (RE2, DuckDB's) that matches ``text`` as it is: ASCII
    punctuation escaped; letters, digits, spaces and other characters stand for
    themselves."""
    return "".join("\\" + c if c.isascii() and not c.isalnum() and not c.isspace() else c
                   for c in text)


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
    if flt.text:  # case-insensitive; a third cheaper than lower() on every sentence
        clauses.append("regexp_matches(e.sentence, ?, 'i')")
        params.append(literal_pattern(flt.text))
    return clauses, params


def _columns(names: tuple[str, ...]) -> str:
    return ", ".join(f'e."{name}"' for name in names)


_DOUBLE_COLUMNS = frozenset({"intensity", "confidence"})


def _list_projection() -> str:
    """The list columns; a double that is not finite is written as null (``to_json``
    writes NaN, which is not JSON)."""
    return ", ".join(f'CASE WHEN isfinite(e."{name}") THEN e."{name}" END AS "{name}"'
                     if name in _DOUBLE_COLUMNS else f'e."{name}"' for name in LIST_COLUMNS)


def list_events(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int,
                cursor: str | None = None) -> tuple[list[str], str | None]:
    """A page of at most ``limit`` events after ``cursor``, each as the text of its JSON
    object, and the next page's cursor (None after the last page).

    DuckDB writes the JSON (``to_json``): a page is a few dozen rows of nested values, and
    turning them into Python objects and back into JSON cost a tenth of a page's time, all
    of it holding the interpreter lock the other requests wait for (docs/PERFORMANCE.md)."""
    clauses, params = _where(flt)
    if cursor is not None:
        day, event_id = decode_cursor(cursor)
        clauses.append(f"({_KEY} > ? OR ({_KEY} = ? AND e.id > ?))")
        params += [day, day, event_id]
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    page = (f"SELECT {_list_projection()} FROM events e {where} "
            f"ORDER BY {_KEY}, e.id LIMIT ?")
    rows = con.execute(f"SELECT CAST(to_json(p) AS VARCHAR), p.date, p.id FROM ({page}) p "
                       f"ORDER BY {_key('p')}, p.id", [*params, limit + 1]
                       ).fetchall()
    following = None
    if len(rows) > limit:
        _, day, event_id = rows[limit - 1]
        following = encode_cursor(day, event_id)
    return [row[0] for row in rows[:limit]], following


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
