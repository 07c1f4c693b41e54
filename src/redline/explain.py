"""``redline explain``: show how a sentence was coded, step by step."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table

from redline.coder import Coder, Resources, SentenceTrace
from redline.output.formats import print_table
from redline.records import Document


def explain(text: str, resources: Resources, console: Console,
            published: date | None = None) -> None:
    coder = Coder(resources, prefilter=False, keep_traces=True)
    coded = coder.code_document(Document("explain", text, published))
    for trace in coder.traces:
        _explain_sentence(trace, console)
    console.rule("result")
    print_table(coded, console, max_sentence=60)


def _explain_sentence(trace: SentenceTrace, console: Console) -> None:
    console.rule(f"sentence {trace.sentence.index}")
    console.print(trace.sentence.text, highlight=False)
    if trace.skip_reason:
        console.print(f"[yellow]prefilter would skip this sentence: {trace.skip_reason}[/]")
    parse = Table(title="parse", show_edge=False)
    for col in ("i", "token", "tag", "pos", "dep", "head"):
        parse.add_column(col)
    for tok in trace.doc:
        if tok.is_space:
            continue
        parse.add_row(str(tok.i), tok.text, tok.tag_, tok.pos_, tok.dep_,
                      f"{tok.head.i} {tok.head.text}")
    console.print(parse)
    actors = Table(title="actor matches", show_edge=False)
    for col in ("text", "code", "sector", "kind", "found by"):
        actors.add_column(col)
    for m in trace.mentions:
        actors.add_row(m.text, m.code, m.sector, m.kind, m.via)
    if trace.mentions:
        console.print(actors)
    else:
        console.print("no actor matches")
    for frame, coded, lines in trace.frames:
        console.print(f"[bold]frame '{frame.trigger.text}'[/bold] -> {coded.event}"
                      + (f"/{coded.mode}" if coded.mode else ""), highlight=False)
        for line in lines:
            console.print(f"   {line}", highlight=False)
        status = "asserted" if coded.modality.asserted else ", ".join(coded.modality.flags)
        console.print(f"   status: {status}", highlight=False)
    for dropped in trace.dropped:
        console.print(f"[dim]dropped '{dropped.text}': {dropped.reason}[/dim]", highlight=False)
    for line in trace.commitments:
        console.print(f"[bold]commitment[/bold] {line}", highlight=False)
