"""The day's brief: what happened on one day, between whom, how hostile, and what was
threatened or promised, read from the store (one event per cluster, so a story reported by
ten outlets counts once but shows its ten mentions).

Dyad trend: the summed Goldstein intensity of a pair's asserted events in the seven days up
to the brief's day, against the seven days before: a falling sum is escalation.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb
from rich.console import Console

from redline.output.terminal import as_text, printable

TOP = 8


def latest_day(con: duckdb.DuckDBPyConnection) -> date | None:
    row = con.execute("SELECT max(date) FROM events WHERE asserted").fetchone()
    return row[0] if row else None


def print_brief(con: duckdb.DuckDBPyConnection, day: date | None, console: Console) -> None:
    day = day or latest_day(con)
    if day is None:
        console.print("The store holds no events yet: run 'redline ingest' first.")
        return
    totals = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE asserted), count(DISTINCT doc_key) "
        "FROM events WHERE date = ?", [day]).fetchone()
    assert totals is not None
    docs = con.execute("SELECT count(*) FROM documents").fetchone()
    console.rule(f"[bold]Brief for {day.isoformat()}[/bold]")
    console.print(f"{totals[0]} events on this day ({totals[1]} reported as happened) from "
                  f"{totals[2]} documents; the store holds {docs[0] if docs else 0} documents.")
    _clusters(con, day, console, conflict=True)
    _clusters(con, day, console, conflict=False)
    _commitments(con, day, console)
    _trends(con, day, console)


def _clusters(con: duckdb.DuckDBPyConnection, day: date, console: Console,
              conflict: bool) -> None:
    quads = (3, 4) if conflict else (1, 2)
    rows = con.execute(
        """
        SELECT c.actor_codes, c.recipient_codes, c.event, c.mode, c.num_mentions,
               c.num_sources, min(e.intensity), any_value(e.sentence ORDER BY e.confidence DESC)
        FROM event_clusters c, unnest(c.event_ids) AS u(event_id)
        JOIN events e ON e.id = u.event_id
        WHERE c.date = ? AND c.asserted AND e.quad IN (?, ?) AND len(c.actor_codes) > 0
        GROUP BY ALL
        ORDER BY c.num_mentions DESC, min(e.intensity) ASC, 1, 2, 3, 4, 8  -- ties: fixed order
        LIMIT ?
        """, [day, quads[0], quads[1], TOP]).fetchall()
    title = "conflict" if conflict else "cooperation"
    if not rows:
        console.print(f"No {title} events reported as happened on this day.")
        return
    console.print(f"[bold]{title}: what happened[/bold] (mentions/outlets)")
    header = f"  {'who':<9} {'did':<20} {'to whom':<9} {'mentions':>8} {'score':>6}  as reported"
    console.print(header, style="dim", highlight=False)
    room = max(20, console.width - len(header) + len("as reported") - 1)
    for actors, recipients, event, mode, mentions, sources, intensity, sentence in rows:
        did = event + (f"/{mode}" if mode else "")
        sentence = " ".join(printable(sentence).split())
        text = sentence if len(sentence) <= room else sentence[: room - 1] + "…"
        console.print(as_text(f"  {_cut(','.join(actors) or '?', 9):<9} {_cut(did, 20):<20} "
                              f"{_cut(','.join(recipients), 9):<9} "
                              f"{f'{mentions}/{sources}':>8} {intensity:>+6.1f}  {text}"))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _commitments(con: duckdb.DuckDBPyConnection, day: date, console: Console) -> None:
    rows = con.execute(
        "SELECT kind, holder, \"trigger\", response FROM commitments WHERE date = ? "
        "ORDER BY kind, sentence_index LIMIT ?", [day, TOP]).fetchall()
    if not rows:
        return
    console.print("[bold]stated commitments[/bold]")
    for kind, holder, trigger, response in rows:
        console.print(as_text(f"  {kind} by {_codes(holder)}: if {_sketch(trigger)} then "
                              f"{_sketch(response)}"))


def _trends(con: duckdb.DuckDBPyConnection, day: date, console: Console) -> None:
    week = day - timedelta(days=6)
    before = week - timedelta(days=7)
    rows = con.execute(
        """
        WITH dyads AS (
            SELECT a.code AS source, r.code AS target, e.date, e.intensity
            FROM events e, unnest(e.actor) AS x(a), unnest(e.recipient) AS y(r)
            WHERE e.asserted AND a.code <> r.code AND e.date BETWEEN ? AND ?
        )
        SELECT source, target,
               sum(intensity) FILTER (WHERE date >= ?) AS this_week,
               coalesce(sum(intensity) FILTER (WHERE date < ?), 0) AS week_before,
               count(*) FILTER (WHERE date >= ?) AS n
        FROM dyads GROUP BY source, target
        HAVING count(*) FILTER (WHERE date = ?) > 0
        ORDER BY this_week - week_before ASC, source, target
        LIMIT ?
        """, [before, day, week, week, week, day, TOP]).fetchall()
    if not rows:
        return
    console.print("[bold]pairs active today, by change in summed intensity (7 days vs the "
                  "7 before)[/bold]")
    for source, target, this_week, week_before, n in rows:
        change = this_week - week_before
        word = "escalating" if change < -1 else "improving" if change > 1 else "steady"
        console.print(as_text(f"  {source}->{target}: {this_week:+.1f} over {n} events this "
                              f"week, {week_before:+.1f} the week before: {word}"))


def _codes(actors: list[dict[str, Any]] | None) -> str:
    return ",".join(a["code"] for a in actors or []) or "?"


def _sketch(sketch: dict[str, Any]) -> str:
    event = sketch["event"] or "(unspecified)"
    mode = f"/{sketch['mode']}" if sketch.get("mode") else ""
    recipient = _codes(sketch["recipient"]) if sketch["recipient"] else ""
    return f"{_codes(sketch['actor'])} {event}{mode}" + (f" -> {recipient}" if recipient else "")
