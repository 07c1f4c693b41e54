"""Red lines and their crossings: the stored commitments (threats, promises, alliance
clauses, conditions), each with the later events that match its trigger and whether the
stated response followed.

The functions here take plain rows, dicts shaped like the JSON records (``record.to_dict()``)
or the store's rows (``read_commitments`` and ``read_events`` give those; the only SQL is
there), and return dataclasses. The rules:

- **One commitment, many mentions.** Commitments of the same kind, holder countries,
  trigger sketch and response sketch (actors compared by country) are one red line, however
  many articles state it; its mentions are listed earliest first. Its date is the earliest.
- **Countries.** An actor code is compared by its country: the first three letters
  (``RUSGOV`` and ``RUS`` are Russia), an IGO code as a whole (``IGOWSTNAT``). An actor
  without a code (a company, "protesters") matches no stated country.
- **A crossing** is an *asserted* event (the text says it happened: negated, hypothetical,
  future or conditional events are not crossings) dated strictly after the commitment's
  first mention, whose actor shares a country with the trigger's actor (an empty trigger
  actor matches any actor except the holder), whose recipient shares a country with the
  trigger's recipient (an empty trigger recipient matches any), and whose type is the
  trigger's type; a trigger that names a mode (``AID/weapons``) wants that mode, one that
  names none accepts every mode of its type. Attacks are one family: a trigger of
  ``ASSAULT`` or ``FIGHT`` without a mode matches either. A trigger without a type ("contingent
  on Russia's actions") is never crossed (it would match everything its actor does). An event
  of a commitment's own sentences is never a crossing, and an event on the day the commitment
  was first stated is not one either: the articles of one day are not ordered, so it cannot
  be told whether it came before or after.
- **Alliance clauses** are stored with the trigger "anyone ASSAULTs a party": a crossing is
  an asserted attack (``ASSAULT`` or ``FIGHT``) on a party by an actor that is not a party.
- A crossing reported by several articles (the same day, actor and recipient countries,
  type and mode) is one crossing with its mention count.
- **The response followed** when there is an asserted event on or after the crossing's day
  (a reply is often reported in the same article as the act it answers) whose actor is of a
  holder's country (or the response's actor, when it names one) and, when the response
  names a type, of that type (in any mode: a response's mode is often the extractor's
  default, such as an alliance's ``AID/military``). It is aimed at: for a threat, the
  response's recipient or the crossing's actor; for an alliance, the attacked party; for a
  promise or condition, the response's recipient when it names one. A vague response ("will
  respond") is followed by any material conflict (quad class 4) for a threat, any
  cooperation (quad 1 or 2) for the other kinds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
from rich.console import Console

from redline.analysis.actor_codes import country, country_sql
from redline.output.terminal import as_text
from redline.records import stable_id

KINDS = ("threat", "promise", "alliance", "condition")
ATTACKS = frozenset({"ASSAULT", "FIGHT"})
CONFLICT_QUADS = frozenset({4})
COOPERATION_QUADS = frozenset({1, 2})


def countries(actors: Iterable[Mapping[str, Any]] | None) -> tuple[str, ...]:
    """The sorted distinct countries of a list of actor objects (those without a code left out)."""
    return tuple(sorted({country(a.get("code") or "") for a in actors or []} - {""}))


@dataclass(frozen=True)
class Sketch:
    """A trigger or response: actor and recipient countries, PLOVER type and mode."""

    actor: tuple[str, ...]
    event: str
    mode: str
    recipient: tuple[str, ...]

    @classmethod
    def of(cls, sketch: Mapping[str, Any] | None) -> Sketch:
        sketch = sketch or {}
        return cls(countries(sketch.get("actor")), sketch.get("event") or "",
                   sketch.get("mode") or "", countries(sketch.get("recipient")))

    def describe(self) -> str:
        what = (self.event or "(unspecified)") + (f"/{self.mode}" if self.mode else "")
        who = ",".join(self.actor) or "anyone"
        return f"{who} {what}" + (f" -> {','.join(self.recipient)}" if self.recipient else "")

    def to_dict(self) -> dict[str, Any]:
        return {"actor": list(self.actor), "event": self.event, "mode": self.mode,
                "recipient": list(self.recipient)}


@dataclass(frozen=True)
class Mention:
    """Where a commitment was stated."""

    commitment_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: date | None

    def to_dict(self) -> dict[str, Any]:
        return {"commitment_id": self.commitment_id, "doc_id": self.doc_id,
                "sentence_index": self.sentence_index, "sentence": self.sentence,
                "date": _iso(self.date)}


@dataclass(frozen=True)
class EventRow:
    """The fields of a stored event that crossings and responses are judged by."""

    id: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: date | None
    actor: tuple[str, ...]
    event: str
    mode: str
    recipient: tuple[str, ...]
    quad: int
    asserted: bool

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> EventRow:
        return cls(row.get("id") or "", row.get("doc_id") or "", int(row.get("sentence_index")
                                                                     or 0),
                   row.get("sentence") or "", _day(row.get("date")), countries(row.get("actor")),
                   row.get("event") or "", row.get("mode") or "", countries(row.get("recipient")),
                   int(row.get("quad") or 0), bool(row.get("asserted")))

    def describe(self) -> str:
        return Sketch(self.actor, self.event, self.mode, self.recipient).describe()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "doc_id": self.doc_id, "sentence_index": self.sentence_index,
                "sentence": self.sentence, "date": _iso(self.date), "actor": list(self.actor),
                "event": self.event, "mode": self.mode, "recipient": list(self.recipient)}


@dataclass(frozen=True)
class Crossing:
    """An event that crossed a red line (its first report), how many articles reported it,
    and the holder's response that followed, if any."""

    event: EventRow
    mentions: int
    response: EventRow | None

    @property
    def response_followed(self) -> bool:
        return self.response is not None

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event.to_dict(), "mentions": self.mentions,
                "response_followed": self.response_followed,
                "response": self.response.to_dict() if self.response else None}


@dataclass
class RedLine:
    """One commitment with every mention of it and its crossings."""

    id: str
    kind: str
    holder: tuple[str, ...]
    trigger: Sketch
    response: Sketch
    mentions: list[Mention] = field(default_factory=list)
    crossings: list[Crossing] = field(default_factory=list)

    @property
    def first_stated(self) -> date | None:
        """The day it was first stated."""
        return min((m.date for m in self.mentions if m.date), default=None)

    def involves(self, code: str) -> bool:
        wanted = country(code)
        return wanted in {*self.holder, *self.trigger.actor, *self.trigger.recipient,
                          *self.response.actor, *self.response.recipient}

    def stated_between(self, since: date | None, until: date | None) -> bool:
        return any(m.date is not None and (since is None or m.date >= since)
                   and (until is None or m.date <= until) for m in self.mentions)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "holder": list(self.holder),
                "trigger": self.trigger.to_dict(), "response": self.response.to_dict(),
                "first_stated": _iso(self.first_stated),
                "mentions": [m.to_dict() for m in self.mentions],
                "crossings": [c.to_dict() for c in self.crossings]}


def group_commitments(rows: Iterable[Mapping[str, Any]]) -> list[RedLine]:
    """Commitment rows as red lines: the same kind, holder countries, trigger and response
    (by country) are one, with its mentions earliest first (undated last). Ordered by the
    first day stated, then kind and holder."""
    lines: dict[tuple[Any, ...], RedLine] = {}
    for row in rows:
        kind = row.get("kind") or ""
        holder = countries(row.get("holder"))
        trigger, response = Sketch.of(row.get("trigger")), Sketch.of(row.get("response"))
        key = (kind, holder, trigger, response)
        line = lines.get(key)
        if line is None:
            line = lines[key] = RedLine(
                stable_id("redline", kind, holder, trigger.to_dict(), response.to_dict()),
                kind, holder, trigger, response)
        line.mentions.append(Mention(row.get("id") or "", row.get("doc_id") or "",
                                     int(row.get("sentence_index") or 0),
                                     row.get("sentence") or "", _day(row.get("date"))))
    for line in lines.values():
        line.mentions.sort(key=lambda m: (m.date is None, m.date or date.min, m.doc_id,
                                          m.sentence_index))
    return sorted(lines.values(), key=lambda x: (x.first_stated is None,
                                                 x.first_stated or date.min, x.kind, x.holder,
                                                 x.id))


def crosses(line: RedLine, event: EventRow) -> bool:
    """Does ``event`` cross ``line`` (see the module's rules)?"""
    first = line.first_stated
    if first is None or event.date is None or event.date <= first or not event.asserted:
        return False
    if any(m.doc_id == event.doc_id and m.sentence_index == event.sentence_index
           for m in line.mentions):
        return False
    trigger = line.trigger
    if not trigger.event or not _type_matches(trigger.event, trigger.mode, event):
        return False
    if line.kind == "alliance":
        parties = set(line.holder) | set(trigger.recipient)
        return (bool(event.actor) and not parties & set(event.actor)
                and bool(parties & set(event.recipient)))
    if trigger.actor:
        if not set(trigger.actor) & set(event.actor):
            return False
    elif not event.actor or set(line.holder) & set(event.actor):
        return False
    return not trigger.recipient or bool(set(trigger.recipient) & set(event.recipient))


def response_to(line: RedLine, crossing: EventRow, events: Sequence[EventRow]) -> EventRow | None:
    """The first asserted event on or after the crossing's day that carries out the line's
    stated response (see the module's rules), or None."""
    response = line.response
    actors = set(response.actor) or set(line.holder)
    if line.kind == "alliance":
        # the parties come to the aid of the attacked one
        targets = set(crossing.recipient) & (set(line.holder) | set(response.recipient))
    elif response.recipient and line.kind != "threat":
        targets = set(response.recipient)
    else:
        # a threat answers whoever crossed it (the stored recipient is the trigger's actor)
        targets = set(response.recipient) | set(crossing.actor)
    quads = CONFLICT_QUADS if line.kind == "threat" else COOPERATION_QUADS
    for event in events:
        if (event.id == crossing.id or not event.asserted or event.date is None
                or crossing.date is None or event.date < crossing.date):
            continue
        if not actors & set(event.actor) or (targets and not targets & set(event.recipient)):
            continue
        if response.event:
            if _type_matches(response.event, "", event):
                return event
        elif event.quad in quads:
            return event
    return None


def find_crossings(line: RedLine, events: Sequence[EventRow]) -> list[Crossing]:
    """The crossings of ``line`` among ``events`` (sorted by date), one per reported act."""
    found: dict[tuple[Any, ...], list[EventRow]] = {}
    for event in events:
        if crosses(line, event):
            key = (event.date, event.actor, event.event, event.mode, event.recipient)
            found.setdefault(key, []).append(event)
    return [Crossing(reports[0], len(reports), response_to(line, reports[0], events))
            for reports in found.values()]


def red_lines(commitments: Iterable[Mapping[str, Any]], events: Iterable[Mapping[str, Any]],
              since: date | None = None, until: date | None = None,
              actor: str | None = None) -> list[RedLine]:
    """The red lines of these commitment rows, each with its crossings among these event
    rows. ``since``/``until`` keep the lines stated (one mention) in that range, ``actor``
    those that name the actor's country as holder, trigger or response party; crossings are
    looked for among all the events given."""
    ordered = sorted((EventRow.of(e) for e in events),
                     key=lambda e: (e.date or date.max, e.doc_id, e.sentence_index, e.id))
    lines = [line for line in group_commitments(commitments)
             if (since is None and until is None or line.stated_between(since, until))
             and (actor is None or line.involves(actor))]
    for line in lines:
        line.crossings = find_crossings(line, ordered)
    return lines


# -- reading the store -----------------------------------------------------------------------

COMMITMENT_SQL = ('SELECT id, doc_id, sentence_index, kind, holder, "trigger", response, '
                  "sentence, date FROM commitments")
EVENT_SQL = ("SELECT id, doc_id, sentence_index, sentence, date, actor, event, mode, "
             "recipient, quad, asserted FROM events WHERE asserted AND date IS NOT NULL "
             "AND date >= ?")


def read_commitments(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _dicts(con.execute(COMMITMENT_SQL))


def read_events(con: duckdb.DuckDBPyConnection, since: date | None) -> list[dict[str, Any]]:
    """The asserted, dated events from ``since`` on (all of them when it is None)."""
    return _dicts(con.execute(EVENT_SQL, [since or date.min]))


def stored_red_lines(con: duckdb.DuckDBPyConnection, *, since: date | None = None,
                     until: date | None = None, actor: str | None = None) -> list[RedLine]:
    """``red_lines`` of the store: its commitments, and its events from the first day one
    was stated (what ``redline redlines`` and ``GET /redlines`` list)."""
    _count, earliest, _latest = store_span(con)
    return red_lines(read_commitments(con), read_events(con, earliest), since=since,
                     until=until, actor=actor)


def store_span(con: duckdb.DuckDBPyConnection) -> tuple[int, date | None, date | None]:
    """How many commitments the store holds, and the first and last day they were stated."""
    row = con.execute("SELECT count(*), min(date), max(date) FROM commitments").fetchone()
    return (int(row[0]), row[1], row[2]) if row else (0, None, None)


def known_country(con: duckdb.DuckDBPyConnection, code: str) -> bool:
    """Does the store name an actor of ``code``'s country (in any event or commitment)?"""
    wanted = country(code)
    row = con.execute(
        f"""
        SELECT EXISTS (SELECT 1 FROM events, unnest(actor || recipient) AS u(a)
                       WHERE {country_sql('a.code')} = ?)
            OR EXISTS (SELECT 1 FROM commitments, unnest(holder) AS u(a)
                       WHERE {country_sql('a.code')} = ?)
        """, [wanted, wanted]).fetchone()
    return bool(row and row[0])


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _type_matches(event_type: str, mode: str, event: EventRow) -> bool:
    if mode:
        return event.event == event_type and event.mode == mode
    if event_type in ATTACKS:
        return event.event in ATTACKS
    return event.event == event_type


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# -- output ----------------------------------------------------------------------------------

def print_red_lines(lines: Sequence[RedLine], console: Console) -> None:
    """The red lines as text for reading: full sentences, never cut."""
    if not lines:
        console.print(as_text("No stored commitment matches the query."))
        return
    crossed = sum(1 for line in lines if line.crossings)
    console.print(as_text(f"{len(lines)} commitments ({crossed} crossed)"))
    for line in lines:
        console.print()
        n = len(line.mentions)
        console.print(as_text(f"{line.kind} by {','.join(line.holder) or '?'} "
                              f"(first stated {_iso(line.first_stated) or 'undated'}, {n} mention"
                              f"{'' if n == 1 else 's'})", style="bold"))
        console.print(as_text(f"  trigger:  {line.trigger.describe()}"))
        console.print(as_text(f"  response: {line.response.describe()}"))
        for m in line.mentions:
            console.print(as_text(f"  stated {_iso(m.date) or 'undated'} in {m.doc_id} "
                                  f"(sentence {m.sentence_index}): {_flat(m.sentence)}"))
        if not line.trigger.event:
            console.print(as_text("  crossings: none looked for (the trigger names no event "
                                  "type)"))
            continue
        if line.first_stated is None:
            console.print(as_text("  crossings: none looked for (the commitment is undated)"))
            continue
        if not line.crossings:
            console.print(as_text("  crossings: none found"))
        for c in line.crossings:
            e = c.event
            reports = f", {c.mentions} reports" if c.mentions > 1 else ""
            console.print(as_text(f"  CROSSED {_iso(e.date)}: {e.describe()} in {e.doc_id} "
                                  f"(sentence {e.sentence_index}{reports}): {_flat(e.sentence)}"))
            r = c.response
            if r is None:
                console.print(as_text("    response followed: no"))
            else:
                console.print(as_text(f"    response followed: yes, {_iso(r.date)}: "
                                      f"{r.describe()} in {r.doc_id} (sentence "
                                      f"{r.sentence_index}): {_flat(r.sentence)}"))


def red_lines_json(lines: Sequence[RedLine]) -> str:
    return json.dumps([line.to_dict() for line in lines], ensure_ascii=False, indent=2)


def _flat(sentence: str) -> str:
    return " ".join(sentence.split())
