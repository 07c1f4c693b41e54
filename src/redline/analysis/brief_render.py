"""The day's brief (``brief.py``) written out: as text for the terminal, as Markdown (its
plots written as PNG files beside it) or as one self-contained HTML page (the plots inlined
as PNG data). Sentences are shown whole, never cut to a column width.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from redline.analysis.brief import Brief, BriefEvent, Trend
from redline.analysis.dyads import HISTORY_DAYS
from redline.output.terminal import as_text, printable

FORMATS = ("text", "markdown", "html")
TREND_TITLE = (f"Pairs active today: escalation index (-summed intensity, each event cluster "
               f"once) against their {HISTORY_DAYS} days before")


def _summary(brief: Brief) -> str:
    return (f"{brief.events} events on this day ({brief.asserted} reported as happened) from "
            f"{brief.documents} documents; the store holds {brief.stored_documents} documents.")


def _event_head(e: BriefEvent) -> str:
    to = f" -> {e.whom}" if e.whom else ""
    return (f"{e.who} {e.did}{to} ({e.mentions} mention{'s' if e.mentions != 1 else ''}, "
            f"{e.sources} outlet{'s' if e.sources != 1 else ''}, intensity {e.intensity:+.1f})")


def _trend_line(t: Trend) -> str:
    u = t.unusual
    return (f"{t.source}->{t.target}: index {u.value:+.1f} over {t.count} "
            f"event{'s' if t.count != 1 else ''} today, {u.word}: {u.text}")


@dataclass(frozen=True)
class _Item:
    """One line of a section: what it says, and the sentence (and document) it came from."""

    head: str
    sentence: str
    doc_id: str
    stated: str = ""  # a crossed red line: the sentence that stated it


def _sections(brief: Brief) -> list[tuple[str, str, list[_Item]]]:
    """The sections every format writes, in order: title, what to say when the section is
    empty ("": leave it out) and its items."""
    return [
        *((f"{title}: what happened",
           f"No {title.lower()} events reported as happened on this day.",
           [_Item(_event_head(e), e.sentence, e.doc_id) for e in events])
          for title, events in (("Conflict", brief.conflict),
                                ("Cooperation", brief.cooperation))),
        ("Stated commitments", "",
         [_Item(f"{c.kind} by {c.holder}: if {c.trigger} then {c.response}", c.sentence,
                c.doc_id) for c in brief.commitments]),
        ("Red lines crossed", "",
         [_Item(f"{x.event} crosses the {x.commitment}; {x.response}", x.sentence, x.doc_id,
                x.stated) for x in brief.crossings]),
    ]


# -- text -------------------------------------------------------------------------------------

def print_text(brief: Brief, console: Console) -> None:
    console.rule(f"[bold]Brief for {brief.day.isoformat()}[/bold]")
    console.print(_summary(brief))
    for title, empty, items in _sections(brief):
        if not items:
            if empty:
                console.print(empty)
            continue
        console.print(f"[bold]{title.lower()}[/bold]")
        for item in items:
            console.print(as_text(f"  {item.head}"))
            console.print(as_text(f"      \"{printable(item.sentence)}\" "
                                  f"[{printable(item.doc_id)}]"), style="dim")
    if brief.trends:
        console.print(f"[bold]{TREND_TITLE.lower()}[/bold]")
        for t in brief.trends:
            console.print(as_text(f"  {_trend_line(t)}"))


def plain_text(brief: Brief, width: int = 100) -> str:
    """The text of :func:`print_text`, for a file or a pipe."""
    console = Console(file=io.StringIO(), width=width, highlight=False, force_terminal=False)
    print_text(brief, console)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


# -- Markdown ---------------------------------------------------------------------------------

def _md(text: str) -> str:
    """Text safe in Markdown: no HTML, no emphasis or link syntax taken from the news."""
    escaped = printable(text).replace("&", "&amp;").replace("<", "&lt;")
    for ch in "\\`*_[]#|":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def markdown(brief: Brief, plot: Callable[[int], str | None] | None = None) -> str:
    """The brief as Markdown; ``plot(i)`` writes the i-th series' PNG and returns its
    relative path (None: no plots)."""
    out = [f"# Brief for {brief.day.isoformat()}", "", _md(_summary(brief)), ""]
    for title, empty, items in _sections(brief):
        if not items and not empty:
            continue
        out += [f"## {title}", ""] + ([empty, ""] if not items else [])
        for item in items:
            out += [f"- **{_md(item.head)}**  ",
                    f"  > {_md(item.sentence)} \\[{_md(item.doc_id)}\\]"]
            if item.stated:
                out.append(f"  > stated: {_md(item.stated)}")
        out.append("")
    if brief.trends:
        out += [f"## {TREND_TITLE}", ""]
        out += [f"- {_md(_trend_line(t))}" for t in brief.trends]
        out.append("")
    for i, series in enumerate(brief.series):
        path = plot(i) if plot is not None else None
        if path is not None:
            out += [f"![{_md(series.name)}, by day]({path})", ""]
    return "\n".join(out).rstrip() + "\n"


def markdown_with_plots(brief: Brief, out: Path) -> tuple[str, list[Path]]:
    """The brief as Markdown for the file ``out``, its plots written beside it
    (``<stem>_files/``), and the plots' paths."""
    from redline.analysis.plots import write_png

    folder = out.with_name(f"{out.stem}_files")
    written: list[Path] = []

    def plot(i: int) -> str:
        series = brief.series[i]
        path = folder / f"dyad_{series.source}_{series.target}.png"
        write_png(series, path)
        written.append(path)
        return f"{folder.name}/{path.name}"

    return markdown(brief, plot), written


# -- HTML -------------------------------------------------------------------------------------

def page(brief: Brief) -> str:
    """The brief as one self-contained HTML page (plots inlined as PNG data, no scripts)."""
    from redline.analysis.plots import png_bytes

    def h(text: str) -> str:
        return html.escape(printable(text))

    body = [f"<h1>Brief for {brief.day.isoformat()}</h1>", f"<p>{h(_summary(brief))}</p>"]
    for title, empty, items in _sections(brief):
        if not items:
            if empty:
                body.append(f"<h2>{h(title)}</h2><p>{h(empty)}</p>")
            continue
        body.append(f"<h2>{h(title)}</h2><ul>" + "".join(
            f"<li><b>{h(item.head)}</b><blockquote>{h(item.sentence)} "
            f"<small>[{h(item.doc_id)}]</small></blockquote>"
            + (f"<blockquote>stated: {h(item.stated)}</blockquote>" if item.stated else "")
            + "</li>" for item in items) + "</ul>")
    if brief.trends:
        body.append(f"<h2>{h(TREND_TITLE)}</h2><ul>"
                    + "".join(f"<li>{h(_trend_line(t))}</li>" for t in brief.trends) + "</ul>")
    for series in brief.series:
        data = base64.b64encode(png_bytes(series)).decode("ascii")
        body.append(f"<figure><img alt=\"{h(series.name)} by day\" "
                    f"src=\"data:image/png;base64,{data}\"><figcaption>{h(series.name)}, "
                    f"escalation index by day</figcaption></figure>")
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
             "blockquote{margin:.3em 0 .8em 1em;color:#444}img{max-width:100%}")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Brief for {brief.day.isoformat()}</title><style>{style}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")
