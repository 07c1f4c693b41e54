"""``redline explain``: show how a sentence was coded, step by step."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from redline.coder import Coder, Resources, SentenceTrace
from redline.output.formats import print_table
from redline.output.terminal import as_text
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
    console.print(as_text(trace.sentence.text))
    if trace.skip_reason:
        console.print(as_text(f"prefilter would skip this sentence: {trace.skip_reason}",
                              style="yellow"))
    parse = Table(title="parse", show_edge=False)
    for col in ("i", "token", "tag", "pos", "dep", "head"):
        parse.add_column(col)
    for tok in trace.doc:
        if tok.is_space:
            continue
        parse.add_row(str(tok.i), as_text(tok.text), as_text(tok.tag_), tok.pos_, tok.dep_,
                      as_text(f"{tok.head.i} {tok.head.text}"))
    console.print(parse)
    actors = Table(title="actor matches", show_edge=False)
    for col in ("text", "code", "sector", "kind", "found by"):
        actors.add_column(col)
    for m in trace.mentions:
        actors.add_row(*(as_text(v) for v in (m.text, m.code, m.sector, m.kind, m.via)))
    if trace.mentions:
        console.print(actors)
    else:
        console.print("no actor matches")
    if trace.candidates:
        candidates = Table(title="actor candidates", show_edge=False)
        for col in ("text", "codes", "kind"):
            candidates.add_column(col)
        for c in trace.candidates:
            codes = ",".join(f"{m.code}{m.sector}" for m in c.mentions if m.code) or "-"
            candidates.add_row(as_text(c.text), as_text(codes), c.kind)
        console.print(candidates)
    if trace.pairs:
        console.print("pairs the model scored (source -> target):")
        for line in trace.pairs:
            console.print(as_text(f"   {line}"))
    for frame, coded, lines in trace.frames:
        console.print(Text.assemble(
            as_text(f"frame '{frame.trigger.text}'", style="bold"),
            as_text(f" -> {coded.event}" + (f"/{coded.mode}" if coded.mode else ""))))
        for line in lines:
            console.print(as_text(f"   {line}"))
        status = "asserted" if coded.modality.asserted else ", ".join(coded.modality.flags)
        console.print(as_text(f"   status: {status}"))
    for dropped in trace.dropped:
        console.print(as_text(f"dropped '{dropped.text}': {dropped.reason}", style="dim"))
    for line in trace.commitments:
        console.print(Text.assemble(as_text("commitment", style="bold"), as_text(f" {line}")))
