"""The day's brief: what happened on one day, between whom, how hostile, and what was
threatened or promised, read from the store (one event per cluster, so a story reported by
ten outlets counts once but shows its ten mentions).

Dyad trend: each pair of countries active on the day, its escalation index that day
(``-sum(intensity)`` of its asserted event clusters, each once: ``analysis/dyads.py``)
against its daily index over the 30 days before: the change from their mean and how many
standard deviations that is ("escalating" at one or more above, "improving" at one or more
below), or that the pair had no events before to compare with.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
from rich.console import Console

from redline.analysis.dyads import HISTORY_DAYS, pair_trends
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
    trends = pair_trends(con, day)[:TOP]
    if not trends:
        return
    console.print(f"[bold]pairs active today: escalation index (-summed intensity, each "
                  f"event cluster once) against their {HISTORY_DAYS} days before[/bold]")
    for source, target, count, trend in trends:
        console.print(as_text(f"  {source}->{target}: index {trend.value:+.1f} over {count} "
                              f"event{'s' if count != 1 else ''} today, {trend.word}: "
                              f"{trend.text}"))


def _codes(actors: list[dict[str, Any]] | None) -> str:
    return ",".join(a["code"] for a in actors or []) or "?"


def _sketch(sketch: dict[str, Any]) -> str:
    event = sketch["event"] or "(unspecified)"
    mode = f"/{sketch['mode']}" if sketch.get("mode") else ""
    recipient = _codes(sketch["recipient"]) if sketch["recipient"] else ""
    return f"{_codes(sketch['actor'])} {event}{mode}" + (f" -> {recipient}" if recipient else "")
