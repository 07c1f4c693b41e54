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
- ``escalation_breakouts``: a pair of countries of a new event breaks out on its day when
  its escalation index that day (``dyads.py``: minus the summed intensity of its asserted
  event clusters, each once) is positive and more than ``BREAKOUT_Z`` standard deviations
  (at least ``SD_FLOOR``) above its mean over the dyads' ``HISTORY_DAYS`` days before, on at least
  ``MIN_ACTIVE_DAYS`` of which it had events (a pair first seen is no trend).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from redline.analysis.actor_codes import country
from redline.analysis.dyads import pair_trends
from redline.analysis.redlines import (
    KINDS,
    EventRow,
    crosses,
    group_commitments,
    read_commitments,
)
from redline.records import stable_id

BREAKOUT_Z = 2.0
MIN_ACTIVE_DAYS = 3
SD_FLOOR = 1.0  # a sparse history's spread is at least this (one -2 criticism is no trend)


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
             if line.kind in KINDS]
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
    """The pairs of the new asserted events whose escalation index breaks out on the day (the
    index and its history as the brief and ``redline dyad`` compute them: ``dyads.py``)."""
    if not new_event_ids:
        return []
    new = _query(con, "SELECT date, actor, recipient FROM events WHERE asserted AND date IS "
                      "NOT NULL AND id IN (SELECT id FROM alert_probe)", new_event_ids)
    days: dict[date, set[tuple[str, str]]] = defaultdict(set)
    for day, actors, recipients in new:
        for a in _codes(actors):
            for r in _codes(recipients):
                if country(a) != country(r):
                    days[day].add((country(a), country(r)))
    alerts = []
    for day in sorted(days):
        for trend in pair_trends(con, day):  # over the brief's history
            u = trend.unusual
            if ((trend.source, trend.target) not in days[day] or u.mean is None
                    or u.value <= 0 or trend.active_days < MIN_ACTIVE_DAYS):
                continue
            z = (u.value - u.mean) / max(u.sd or 0.0, SD_FLOOR)
            if z <= BREAKOUT_Z:
                continue
            alerts.append(Alert(
                kind="escalation_breakout",
                id=stable_id("escalation_breakout", trend.source, trend.target,
                             day.isoformat()),
                date=day.isoformat(),
                summary=(f"escalation breakout: {trend.source} -> {trend.target} on "
                         f"{day.isoformat()}, index {u.value:+.1f}: {u.text}"),
                details={"actor": trend.source, "recipient": trend.target,
                         "index": round(u.value, 3), "mean": round(u.mean or 0.0, 3),
                         "sd": round(u.sd or 0.0, 3), "z": round(z, 3),
                         "active_days": trend.active_days}))
    return alerts


ALERT_SOURCES: tuple[AlertSource, ...] = (red_line_crossings, escalation_breakouts)
