"""Writing coded documents: JSONL (the interface of DESIGN.md) and a terminal table; CSV and
the other formats of events are the export formats (``export/``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from redline.output.lines import json_line
from redline.output.terminal import as_text, printable
from redline.records import CodedDocument

QUAD_NAMES = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"}
QUAD_STYLES = {1: "green", 2: "bold green", 3: "yellow", 4: "bold red"}


def records(coded: CodedDocument) -> Iterable[dict[str, Any]]:
    """A document's records in output order: events, then commitments."""
    for event in coded.events:
        yield event.to_dict()
    for commitment in coded.commitments:
        yield commitment.to_dict()


def write_jsonl(coded: CodedDocument, out: IO[str]) -> None:
    for record in records(coded):
        out.write(json_line(record) + "\n")


def _codes(actors: Iterable[dict[str, Any]], key: str = "code") -> str:
    return ";".join(str(a.get(key, "")) for a in actors)


def sketch_text(sketch: dict[str, Any]) -> str:
    actor = _codes(sketch["actor"]) or "?"
    recipient = _codes(sketch["recipient"])
    event = sketch["event"] or "(unspecified)"
    mode = f"/{sketch['mode']}" if sketch.get("mode") else ""
    return f"{actor} {event}{mode}" + (f" -> {recipient}" if recipient else "")


def print_table(coded: CodedDocument, console: Console, *, max_sentence: int = 90) -> None:
    """A readable table of one document's events and commitments. Document text is shown
    as text: never read as markup, terminal sequences removed (``output/terminal.py``)."""
    doc = coded.document
    title = doc.title or doc.id
    when = doc.date.isoformat() if doc.date else "no date"
    console.print(as_text(f"{title}  [{doc.id}, {when}]", style="bold"))
    if not coded.events and not coded.commitments:
        console.print("  no events coded", style="dim")
        return
    if coded.events:
        table = Table(show_edge=False, pad_edge=False, expand=False)
        for name, width in (("date", 10), ("actor", 10), ("event", 12), ("recipient", 10),
                            ("status", 10)):
            table.add_column(name, no_wrap=True, min_width=width)
        table.add_column("sentence", no_wrap=True, overflow="ellipsis", ratio=1)
        for event in coded.events:
            d = event.to_dict()
            label = d["event"] + (f"/{d['mode']}" if d["mode"] else "")
            status = "asserted" if d["asserted"] else ",".join(d["modality"])
            snippet = printable(d["sentence"]).replace("\n", " ").replace("\t", " ")
            if len(snippet) > max_sentence:
                snippet = snippet[: max_sentence - 3] + "..."
            table.add_row(
                as_text(d["date"] or ""),
                as_text(_actor_label(d["actor"])),
                as_text(label, style=QUAD_STYLES.get(d["quad"], "")),
                as_text(_actor_label(d["recipient"])),
                as_text(status, style="" if d["asserted"] else "italic magenta"),
                as_text(snippet),
            )
        console.print(table)
    for commitment in coded.commitments:
        console.print(Text.assemble("  ", *commitment_line(commitment.to_dict())))


def commitment_line(d: dict[str, Any]) -> tuple[Text, Text]:
    """``threat`` (bold) and `` by RUS: if ... then ...`` as text."""
    return (as_text(d["kind"], style="bold"),
            as_text(f" by {_codes(d['holder'])}: if {sketch_text(d['trigger'])} then "
                    f"{sketch_text(d['response'])}"))


def _actor_label(actors: list[dict[str, Any]]) -> str:
    return ", ".join(a["code"] + (f" {a['sector']}" if a["sector"] else "") for a in actors)


class CorpusSummary:
    """Counts over many coded documents, printed at the end of a run."""

    def __init__(self) -> None:
        self.documents = 0
        self.sentences = 0
        self.parsed = 0
        self.types: Counter[str] = Counter()
        self.asserted: Counter[str] = Counter()
        self.quads: Counter[int] = Counter()
        self.dyads: Counter[tuple[str, str]] = Counter()
        self.commitments: list[str] = []
        self.commitment_kinds: Counter[str] = Counter()

    def add(self, coded: CodedDocument) -> None:
        self.documents += 1
        self.sentences += len(coded.sentences)
        self.parsed += coded.parsed_sentences
        for event in coded.events:
            self.types[event.event] += 1
            self.quads[event.quad] += 1
            if event.asserted:
                self.asserted[event.event] += 1
            for a in event.actor:
                for r in event.recipient:
                    self.dyads[(a.code, r.code)] += 1
        for commitment in coded.commitments:
            d = commitment.to_dict()
            self.commitment_kinds[d["kind"]] += 1
            self.commitments.append(Text.assemble(*commitment_line(d)).plain)

    def print(self, console: Console, *, top: int = 10) -> None:
        events = sum(self.types.values())
        share = 100 * self.parsed / self.sentences if self.sentences else 0.0
        console.print(f"[bold]{self.documents} documents[/bold], {self.sentences} sentences "
                      f"({share:.0f}% parsed), {events} events "
                      f"({sum(self.asserted.values())} asserted), "
                      f"{len(self.commitments)} commitments")
        if events:
            table = Table(title="events by PLOVER type", show_edge=False)
            for col in ("type", "events", "asserted"):
                table.add_column(col)
            for name, n in self.types.most_common():
                table.add_row(as_text(name), str(n), str(self.asserted[name]))
            console.print(table)
            quads = ", ".join(f"{QUAD_NAMES[q]} {n}" for q, n in sorted(self.quads.items()))
            console.print(f"by quad class: {quads}")
        if self.dyads:
            pairs = ", ".join(f"{a}->{r} {n}" for (a, r), n in self.dyads.most_common(top))
            console.print(as_text(f"most frequent dyads: {pairs}"))
        for line in self.commitments[:top]:
            console.print(as_text(f"  {line}"))
        if len(self.commitments) > top:
            console.print(f"  ... and {len(self.commitments) - top} more commitments")
