"""Plots of a dyad's series (``dyads.py``): a PNG (matplotlib, drawn off screen by its Agg
canvas: no display needed) and a self-contained interactive HTML page (Plotly, its
JavaScript inlined: the page loads nothing from the network).

Both show the escalation index per period (bars; hostile up, red), the mean of each segment
between change points (a step line) with the change points marked (dashed lines), and
below it the events per quad class (stacked bars); the top events by |intensity| and the
first driver of each change point are annotated with their date, type and
actor->recipient. The HTML page shows each period's numbers and each event's sentence on
hover.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from redline.analysis.dyads import DyadEvent, DyadSeries
from redline.output.targets import write_replacing

QUAD_NAMES = ("verbal cooperation", "material cooperation", "verbal conflict",
              "material conflict")
QUAD_COLOURS = ("#9ecae1", "#3182bd", "#fdae6b", "#d7301f")
ANNOTATED = 5  # top events by |intensity|, besides the change points' first drivers


def annotated_events(series: DyadSeries) -> list[DyadEvent]:
    """The events a plot labels: each change point's first driver, then the top events."""
    chosen: list[DyadEvent] = []
    for point in series.change_points:
        if point.drivers and point.drivers[0] not in chosen:
            chosen.append(point.drivers[0])
    for event in series.top_events(ANNOTATED):
        if event not in chosen:
            chosen.append(event)
    return chosen[:ANNOTATED + len(series.change_points)]


def segment_means(series: DyadSeries) -> list[float]:
    """For each period, the mean index of its segment (between change points)."""
    bounds = [0, *(c.position for c in series.change_points), len(series.periods)]
    means: list[float] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        value = sum(p.index for p in series.periods[a:b]) / (b - a)
        means.extend([value] * (b - a))
    return means


def _title(series: DyadSeries) -> str:
    direction = "both directions" if series.both else f"{series.source} toward {series.target}"
    return (f"{series.name}: escalation index by {series.by} ({direction}, "
            f"{series.first} to {series.last})")


def _period_of(series: DyadSeries, event: DyadEvent) -> int:
    for i, period in enumerate(series.periods):
        if event in period.events:
            return i
    raise ValueError(f"{event.cluster_id} is not in the series")


def write_png(series: DyadSeries, path: Path) -> None:
    """Draw the series to ``path`` as a PNG (written beside it, then moved into place)."""
    write_replacing(path, png_bytes(series))


def png_bytes(series: DyadSeries) -> bytes:
    """The series drawn as a PNG: the plot of ``write_png``, as bytes (a report embeds it)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    periods = series.periods
    x = [p.start for p in periods]
    index = [p.index for p in periods]
    width = {"day": 0.8, "week": 5.5, "month": 24.0}[series.by]
    fig = Figure(figsize=(11, 6.5), dpi=110, layout="constrained")
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    colours = ["#d7301f" if v > 0 else "#3182bd" for v in index]
    top.bar(x, index, width=width, color=colours, alpha=0.75, label="escalation index")
    top.step(x, segment_means(series), where="mid", color="black", linewidth=1.2,
             label="segment mean")
    top.axhline(0, color="grey", linewidth=0.6)
    for point in series.change_points:
        for axis in (top, bottom):
            axis.axvline(point.start, color="black", linestyle="--", linewidth=0.9)
        top.annotate(f"change: {point.direction}\n{point.before:+.1f} -> {point.after:+.1f}",
                     (point.start, 1.0), xycoords=("data", "axes fraction"),
                     xytext=(3, -3), textcoords="offset points", va="top", fontsize=7.5)
    peak = max((abs(v) for v in index), default=1.0) or 1.0
    stacked: dict[int, int] = {}  # labels so far at each period: stack them
    for n, event in enumerate(annotated_events(series)):
        i = _period_of(series, event)
        y = index[i]
        right = i > 0.6 * (len(periods) - 1)  # near the right edge: label to the left
        offset = (14 + 16 * (n % 3) + 16 * stacked.get(i, 0)) * (1 if y >= 0 else -1)
        stacked[i] = stacked.get(i, 0) + 1
        top.annotate(f"{event.label} ({event.intensity:+.1f})", (x[i], y),
                     xytext=(-8 if right else 8, offset), textcoords="offset points",
                     fontsize=7.5, va="bottom" if y >= 0 else "top",
                     ha="right" if right else "left",
                     arrowprops={"arrowstyle": "-", "color": "grey", "linewidth": 0.6},
                     bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "grey",
                           "lw": 0.5, "alpha": 0.9})
    low, high = min(min(index, default=0.0), 0.0), max(max(index, default=0.0), 0.0)
    top.set_ylim(low - (0.7 * peak if low < 0 else 0.1 * peak), high + 0.7 * peak)
    top.set_ylabel("escalation index\n-(summed intensity)")
    top.set_title(_title(series), fontsize=10)
    top.legend(loc="upper left", fontsize=8, frameon=False)
    base = [0] * len(periods)
    for q, (name, colour) in enumerate(zip(QUAD_NAMES, QUAD_COLOURS, strict=True)):
        counts = [p.counts[q] for p in periods]
        bottom.bar(x, counts, width=width, bottom=base, color=colour, label=f"{q + 1} {name}")
        base = [b + c for b, c in zip(base, counts, strict=True)]
    bottom.set_ylabel("events (clusters)")
    bottom.legend(loc="upper left", fontsize=7.5, ncols=4, frameon=False)
    bottom.set_ylim(0, max(max(base, default=1), 1) * 1.35)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def write_html(series: DyadSeries, path: Path) -> None:
    """Write the series to ``path`` as an interactive HTML page with Plotly's JavaScript
    inlined (no CDN, nothing fetched when it is opened)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    periods = series.periods
    x = [p.start.isoformat() for p in periods]
    index = [p.index for p in periods]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.6, 0.4],
                        vertical_spacing=0.06)
    hover = [f"{p.start} ({series.by})<br>index {p.index:+.1f}, {p.total} events, "
             f"sum {p.intensity_sum:+.1f}" + (f", balance {p.balance:+.2f}"
                                               if p.balance is not None else "")
             + "".join(f"<br>{html.escape(e.label)} {e.intensity:+.1f}"
                       for e in sorted(p.events, key=lambda e: e.intensity)[:5])
             for p in periods]
    fig.add_trace(go.Bar(x=x, y=index, name="escalation index", hovertext=hover,
                         hoverinfo="text",
                         marker_color=["#d7301f" if v > 0 else "#3182bd" for v in index]),
                  row=1, col=1)
    fig.add_trace(go.Scatter(x=x, y=segment_means(series), name="segment mean",
                             mode="lines", line={"shape": "hvh", "color": "black"}),
                  row=1, col=1)
    for q, (name, colour) in enumerate(zip(QUAD_NAMES, QUAD_COLOURS, strict=True)):
        fig.add_trace(go.Bar(x=x, y=[p.counts[q] for p in periods], name=f"{q + 1} {name}",
                             marker_color=colour), row=2, col=1)
    for point in series.change_points:
        fig.add_vline(x=point.start.isoformat(), line_dash="dash", line_color="black")
        fig.add_annotation(x=point.start.isoformat(), y=1.0, yref="y domain", showarrow=False,
                           xanchor="left", yanchor="top", font={"size": 10},
                           text=f"change: {point.direction}<br>{point.before:+.1f} -> "
                                f"{point.after:+.1f}")
    for n, event in enumerate(annotated_events(series)):
        i = _period_of(series, event)
        sentence = html.escape(" ".join(event.sentence.split())[:160])
        fig.add_annotation(x=x[i], y=index[i], row=1, col=1, showarrow=True, arrowhead=0,
                           ax=30, ay=(-30 - 18 * (n % 3)) * (1 if index[i] >= 0 else -1),
                           text=html.escape(f"{event.label} ({event.intensity:+.1f})"),
                           hovertext=f"{sentence}<br>[{html.escape(event.doc_id)}]",
                           font={"size": 10}, bgcolor="white", bordercolor="grey")
    fig.update_layout(barmode="stack", title=_title(series), height=700, template="plotly_white",
                      legend={"orientation": "h", "y": -0.08})
    fig.update_yaxes(title_text="escalation index", row=1, col=1)
    fig.update_yaxes(title_text="events (clusters)", row=2, col=1)
    page = fig.to_html(include_plotlyjs=True, full_html=True)
    write_replacing(path, page)
