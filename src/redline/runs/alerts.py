"""What ``redline watch`` raises alerts for, after each ingest: the hooks and their records.

An alert source is a function ``(con, new_event_ids) -> list[Alert]``: given the store and
the ids of the events stored since the last check, the alerts they raise. ``watch`` calls
each of ``ALERT_SOURCES`` in turn; an alert's ``id`` depends only on what raised it, so the
same crossing found again (after a restart, or when a later article repeats the event) is
the same alert, and the watcher raises it once.

The two sources:

- ``red_line_crossings``: a new asserted event crosses a stored red line by the rules of
  ``redline redlines`` (``analysis/redlines.py``: the same countries, type and mode, dated
  after the day the line was first stated, not in its own sentence).
- ``escalation_breakouts``: a dyad's hostility on a day is minus the sum of the Goldstein
  intensities of its asserted events that day (a material conflict of -10 adds 10); the
  day breaks out when its hostility is positive and more than ``BREAKOUT_Z`` standard
  deviations above the mean of the ``HISTORY_DAYS`` days before it (days without events
  count as 0; the deviation is at least ``SD_FLOOR``), and the dyad had events on at least
  ``MIN_ACTIVE_DAYS`` of those days (a dyad first seen is no trend). Each ordered pair of
  actor and recipient codes of an event is a dyad.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from redline.analysis.redlines import EventRow, crosses, group_commitments, read_commitments
from redline.records import stable_id

RED_LINE_KINDS = ("threat", "promise", "condition", "alliance")
HISTORY_DAYS = 30
BREAKOUT_Z = 2.0
SD_FLOOR = 1.0
MIN_ACTIVE_DAYS = 3


@dataclass(frozen=True)
class Alert:
    """One alert: ``kind`` (``red_line_crossed``, ``escalation_breakout``), a stable ``id``,
    the day it is about, a one-line ``summary`` and the ``details`` (JSON data)."""

    kind: str
    id: str
    date: str | None
    summary: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"record": "alert", "kind": self.kind, "id": self.id, "date": self.date,
                "summary": self.summary, **self.details}


AlertSource = Callable[[duckdb.DuckDBPyConnection, Sequence[str]], list[Alert]]


def _query(con: duckdb.DuckDBPyConnection, sql: str, ids: Sequence[str]) -> list[Any]:
    """``sql`` with ``ids`` as the table ``alert_probe(id)``."""
    con.register("alert_probe", pa.table({"id": pa.array(list(ids), pa.string())}))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.unregister("alert_probe")


def _codes(actors: Any) -> list[str]:
    return [a["code"] for a in actors or [] if a and a.get("code")]


def _shown(codes: Sequence[str]) -> str:
    return "+".join(codes) or "?"


def red_line_crossings(con: duckdb.DuckDBPyConnection, new_event_ids: Sequence[str]
                       ) -> list[Alert]:
    """The stored red lines the new asserted events cross, by the rules of ``redline
    redlines`` (``analysis/redlines.py``: ``group_commitments`` and ``crosses``)."""
    if not new_event_ids:
        return []
    events = _query(con, "SELECT id, doc_id, doc_key, sentence_index, sentence, date, actor, "
                         "event, mode, recipient, quad, asserted FROM events WHERE asserted "
                         "AND date IS NOT NULL AND id IN (SELECT id FROM alert_probe) "
                         "ORDER BY date, id", new_event_ids)
    if not events:
        return []
    columns = ("id", "doc_id", "doc_key", "sentence_index", "sentence", "date", "actor",
               "event", "mode", "recipient", "quad", "asserted")
    lines = [line for line in group_commitments(read_commitments(con))
             if line.kind in RED_LINE_KINDS]
    alerts = []
    for values in events:
        row = dict(zip(columns, values, strict=True))
        event = EventRow.of(row)
        for line in lines:
            if not crosses(line, event):
                continue
            first = line.mentions[0]
            stated = line.first_stated.isoformat() if line.first_stated else "?"
            alerts.append(Alert(
                kind="red_line_crossed",
                id=stable_id("red_line_crossed", line.id, event.id),
                date=event.date.isoformat() if event.date else None,
                summary=(f"red line crossed: {event.describe()} on {row['date']} crosses "
                         f"the {line.kind} of {_shown(line.holder)} of {stated}"),
                details={"event_id": event.id, "event_doc_key": row["doc_key"],
                         "event_sentence": event.sentence, "commitment_id": line.id,
                         "commitment_kind": line.kind,
                         "commitment_holder": list(line.holder),
                         "commitment_date": stated, "commitment_doc_id": first.doc_id,
                         "commitment_sentence": first.sentence}))
    return alerts


def escalation_breakouts(con: duckdb.DuckDBPyConnection, new_event_ids: Sequence[str]
                         ) -> list[Alert]:
    """The dyad-days of the new asserted events whose hostility breaks out (see the
    module's text)."""
    if not new_event_ids:
        return []
    new = _query(con, "SELECT date, actor, recipient FROM events WHERE asserted AND date IS "
                      "NOT NULL AND id IN (SELECT id FROM alert_probe)", new_event_ids)
    targets = {(a, r, day) for day, actors, recipients in new
               for a in _codes(actors) for r in _codes(recipients) if a != r}
    alerts = []
    for a, r, day in sorted(targets):
        first = day - timedelta(days=HISTORY_DAYS)
        rows = con.execute(
            "SELECT date, intensity, actor, recipient FROM events WHERE asserted AND date "
            "BETWEEN ? AND ? AND list_contains(list_transform(actor, lambda x: x.code), ?) "
            "AND list_contains(list_transform(recipient, lambda x: x.code), ?)",
            [first, day, a, r]).fetchall()
        daily: dict[date, float] = defaultdict(float)
        for d, intensity, _, _ in rows:
            daily[d] -= intensity or 0.0
        today = daily.pop(day, 0.0)
        history = [daily.get(first + timedelta(days=i), 0.0) for i in range(HISTORY_DAYS)]
        active = sum(1 for d in daily if first <= d < day)
        if today <= 0 or active < MIN_ACTIVE_DAYS:
            continue
        mean = sum(history) / len(history)
        sd = max(SD_FLOOR, math.sqrt(sum((h - mean) ** 2 for h in history) / len(history)))
        z = (today - mean) / sd
        if z <= BREAKOUT_Z:
            continue
        alerts.append(Alert(
            kind="escalation_breakout",
            id=stable_id("escalation_breakout", a, r, day.isoformat()),
            date=day.isoformat(),
            summary=(f"escalation breakout: {a} -> {r} on {day.isoformat()}, hostility "
                     f"{today:.1f} against a {HISTORY_DAYS}-day mean of {mean:.1f} "
                     f"(z = {z:.1f})"),
            details={"actor": a, "recipient": r, "hostility": round(today, 3),
                     "mean": round(mean, 3), "sd": round(sd, 3), "z": round(z, 3)}))
    return alerts


ALERT_SOURCES: tuple[AlertSource, ...] = (red_line_crossings, escalation_breakouts)
