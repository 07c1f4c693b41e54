"""The day's brief: what happened on one day, between whom, how hostile, what was threatened
or promised, which stated red lines were crossed, and which pairs are escalating, read from
the store (one event per cluster, so a story reported by ten outlets counts once but shows
its ten mentions). :func:`build_brief` gathers it; ``brief_render.py`` writes it as text,
Markdown or HTML.

Dyad trend: each pair of countries active on the day, its escalation index that day
(``-sum(intensity)`` of its asserted event clusters, each once: ``analysis/dyads.py``)
against its daily index over the 30 days before: the change from their mean and how many
standard deviations that is ("escalating" at one or more above, "improving" at one or more
below), or that the pair had no events before to compare with. The most escalating pairs
come with their series over those days, for the report's plots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from redline.analysis.dyads import HISTORY_DAYS, DyadSeries, Unusual, load_dyad, pair_trends
from redline.analysis.redlines import read_commitments, read_events, red_lines, store_span

TOP = 8
PLOTTED = 3  # the most escalating pairs drawn in a report


@dataclass(frozen=True)
class BriefEvent:
    """One asserted event cluster of the day, told by its most confident sentence."""

    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    event: str
    mode: str
    mentions: int
    sources: int
    intensity: float
    sentence: str
    doc_id: str

    @property
    def did(self) -> str:
        return self.event + (f"/{self.mode}" if self.mode else "")

    @property
    def who(self) -> str:
        return ",".join(self.actors) or "?"

    @property
    def whom(self) -> str:
        return ",".join(self.recipients)


@dataclass(frozen=True)
class CommitmentLine:
    kind: str
    holder: str
    trigger: str
    response: str
    sentence: str
    doc_id: str


@dataclass(frozen=True)
class Trend:
    source: str
    target: str
    count: int
    unusual: Unusual


@dataclass(frozen=True)
class CrossingLine:
    """A stated red line crossed on the day: the commitment and the event that crossed it."""

    commitment: str  # "threat by RUS (2024-06-21): if KOR AID -> UKR then RUS ... -> KOR"
    stated: str  # the sentence that stated it
    event: str  # "KOR AID/weapons -> UKR"
    sentence: str  # the sentence that reports the crossing
    doc_id: str
    response: str  # whether the stated response followed, in words


@dataclass
class Brief:
    day: date
    events: int
    asserted: int
    documents: int
    stored_documents: int
    conflict: list[BriefEvent] = field(default_factory=list)
    cooperation: list[BriefEvent] = field(default_factory=list)
    commitments: list[CommitmentLine] = field(default_factory=list)
    crossings: list[CrossingLine] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    series: list[DyadSeries] = field(default_factory=list)  # the top trends' daily series


def latest_day(con: duckdb.DuckDBPyConnection) -> date | None:
    row = con.execute("SELECT max(date) FROM events WHERE asserted").fetchone()
    return row[0] if row else None


def outside_events(con: duckdb.DuckDBPyConnection, day: date) -> tuple[date, date] | None:
    """The store's first and last event days when ``day`` is not between them; None when it
    is (or no event has a date)."""
    span = con.execute("SELECT min(date), max(date) FROM events").fetchone()
    if span is None or span[0] is None or span[0] <= day <= span[1]:
        return None
    return span[0], span[1]


def build_brief(con: duckdb.DuckDBPyConnection, day: date, *, series: bool = False) -> Brief:
    """The brief of ``day``; with ``series`` the most escalating pairs' daily series over the
    30 days before (for plots)."""
    totals = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE asserted), count(DISTINCT doc_key) "
        "FROM events WHERE date = ?", [day]).fetchone()
    assert totals is not None
    docs = con.execute("SELECT count(*) FROM documents").fetchone()
    brief = Brief(day, totals[0], totals[1], totals[2], docs[0] if docs else 0)
    brief.conflict = _clusters(con, day, conflict=True)
    brief.cooperation = _clusters(con, day, conflict=False)
    brief.commitments = _commitments(con, day)
    brief.trends = [Trend(t.source, t.target, t.count, t.unusual)
                    for t in pair_trends(con, day)[:TOP]]
    brief.crossings = crossings_on(con, day)
    if series:
        first = day - timedelta(days=HISTORY_DAYS)
        brief.series = [load_dyad(con, t.source, t.target, "day", first, day)
                        for t in brief.trends[:PLOTTED] if t.unusual.word == "escalating"]
    return brief


def crossings_on(con: duckdb.DuckDBPyConnection, day: date) -> list[CrossingLine]:
    """The stated red lines (``redlines.py``) crossed by an event of ``day``. Only the events
    from ``day`` on are read: a crossing is one day's events, and a response follows it."""
    _count, earliest, _latest = store_span(con)
    if earliest is None or earliest >= day:
        return []
    lines = red_lines(read_commitments(con), read_events(con, day), until=day)
    out = []
    for line in lines:
        first = line.mentions[0]
        for crossing in line.crossings:
            if crossing.event.date != day:
                continue
            response = (f"the stated response followed: {crossing.response.describe()} "
                        f"({crossing.response.date})" if crossing.response is not None
                        else "no stated response has followed yet")
            out.append(CrossingLine(
                commitment=f"{line.kind} by {','.join(line.holder)} ({line.first_stated}): "
                           f"if {line.trigger.describe()} then {line.response.describe()}",
                stated=" ".join(first.sentence.split()),
                event=crossing.event.describe(),
                sentence=" ".join(crossing.event.sentence.split()),
                doc_id=crossing.event.doc_id, response=response))
    return out[:TOP]


def _clusters(con: duckdb.DuckDBPyConnection, day: date, conflict: bool) -> list[BriefEvent]:
    quads = (3, 4) if conflict else (1, 2)
    rows = con.execute(
        """
        SELECT c.actor_codes, c.recipient_codes, c.event, c.mode, c.num_mentions,
               c.num_sources, min(e.intensity),
               any_value(e.sentence ORDER BY e.confidence DESC, e.id),
               any_value(e.doc_id ORDER BY e.confidence DESC, e.id)
        FROM event_clusters c, unnest(c.event_ids) AS u(event_id)
        JOIN events e ON e.id = u.event_id
        WHERE c.date = ? AND c.asserted AND e.quad IN (?, ?) AND len(c.actor_codes) > 0
        GROUP BY ALL
        ORDER BY c.num_mentions DESC, min(e.intensity) ASC, 1, 2, 3, 4, 8  -- ties: fixed order
        LIMIT ?
        """, [day, quads[0], quads[1], TOP]).fetchall()
    return [BriefEvent(tuple(actors), tuple(recipients), event, mode or "", mentions, sources,
                       float(intensity), " ".join(str(sentence).split()), doc_id)
            for actors, recipients, event, mode, mentions, sources, intensity, sentence, doc_id
            in rows]


def _commitments(con: duckdb.DuckDBPyConnection, day: date) -> list[CommitmentLine]:
    rows = con.execute(
        "SELECT kind, holder, \"trigger\", response, sentence, doc_id FROM commitments "
        "WHERE date = ? ORDER BY kind, doc_id, sentence_index LIMIT ?", [day, TOP]).fetchall()
    return [CommitmentLine(kind, codes(holder), sketch(trigger), sketch(response),
                           " ".join(sentence.split()), doc_id)
            for kind, holder, trigger, response, sentence, doc_id in rows]


def codes(actors: list[dict[str, Any]] | None) -> str:
    return ",".join(a["code"] for a in actors or []) or "?"


def sketch(part: dict[str, Any]) -> str:
    """A trigger or response as "KOR AID/weapons -> UKR"."""
    event = part["event"] or "(unspecified)"
    mode = f"/{part['mode']}" if part.get("mode") else ""
    recipient = codes(part["recipient"]) if part["recipient"] else ""
    return f"{codes(part['actor'])} {event}{mode}" + (f" -> {recipient}" if recipient else "")
