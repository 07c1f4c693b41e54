"""The actor network (``redline graph``): who cooperates with whom, who fights whom, and
who is allied, read from the store.

Nodes are actor codes (an ISO-3166 alpha-3 country, ``WST`` or an IGO code; the sector is
dropped, so Russia's government and its army are one node ``RUS``). Edges are undirected
and of two kinds, kept apart in a :class:`networkx.MultiGraph` (the edge key and the
``kind`` attribute say which):

- ``interaction``: the asserted events between two actors (either direction), with
  ``cooperation`` and ``conflict`` counts (quad 1-2 and quad 3-4 events),
  ``cooperation_intensity`` (summed Goldstein intensity of the cooperative events, >= 0),
  ``conflict_intensity`` (that of the conflictual ones, <= 0), ``weight`` (their signed
  sum: positive for a mostly cooperative pair) and ``sign`` (+1, -1 or 0);
- ``alliance``: a stored alliance commitment (mutual defence, a defence pact) between two
  of its parties, with ``commitments`` (how many), ``weight`` (:data:`ALLIANCE_WEIGHT` per
  commitment) and the ``sentence``, ``doc_id`` and ``date`` of the first one.

Measures (node attributes): ``degree`` (distinct neighbours, either kind), ``cooperation``
and ``conflict`` strength (summed absolute intensity of the node's edges of each sign),
``net`` (signed sum), ``pagerank`` (PageRank on the *positive* graph: cooperative net
weights plus alliances, so an actor many others work with or are allied to ranks high; a
conflict never raises an actor's rank) and ``community``: the communities of aligned
actors, found by greedy modularity maximisation (Clauset-Newman-Moore, deterministic) on
the same positive graph. Actors joined only by conflict land in different communities; an
actor with no positive tie is a community of its own. Community 0 is the largest.

Outputs: GraphML (every attribute a string, integer or real), JSON (networkx node-link
data plus the communities), PNG (matplotlib, no display needed: blue cooperation, red
conflict, dashed alliances; width by weight) and HTML (plotly with plotly.js inlined: one
self-contained file, no network access when opened).
"""

from __future__ import annotations

import io
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import networkx as nx

FORMATS = ("graphml", "json", "png", "html")
ALLIANCE_WEIGHT = 10.0  # an alliance counts as much as a strong cooperative event or two
LAYOUT_SEED = 17
BLUE, RED, GREY = "#1f5fbf", "#c0392b", "#555555"
PALETTE = ("#8ecae6", "#ffb703", "#90be6d", "#f28482", "#cdb4db", "#bde0fe", "#e9c46a",
           "#a8dadc")  # node colours by community


@dataclass(frozen=True)
class Interaction:
    """One asserted event between two actors (one actor-recipient pair of it)."""

    source: str
    target: str
    quad: int
    intensity: float


@dataclass(frozen=True)
class Alliance:
    """A stored alliance commitment and its parties."""

    parties: tuple[str, ...]
    sentence: str = ""
    doc_id: str = ""
    date: str = ""


def read_interactions(con: duckdb.DuckDBPyConnection, since: date | None = None,
                      until: date | None = None) -> list[Interaction]:
    """The asserted events of the store between two coded actors, one per actor-recipient
    pair, between ``since`` and ``until`` (inclusive)."""
    rows = con.execute(
        """
        SELECT a.code, r.code, e.quad, e.intensity
        FROM events e, unnest(e.actor) AS x(a), unnest(e.recipient) AS y(r)
        WHERE e.asserted AND a.code <> '' AND r.code <> '' AND a.code <> r.code
          AND (?::DATE IS NULL OR e.date >= ?::DATE) AND (?::DATE IS NULL OR e.date <= ?::DATE)
        ORDER BY e.id, a.code, r.code
        """, [since, since, until, until]).fetchall()
    return [Interaction(str(s), str(t), int(q or 0), float(i or 0.0)) for s, t, q, i in rows]


def read_alliances(con: duckdb.DuckDBPyConnection, since: date | None = None,
                   until: date | None = None) -> list[Alliance]:
    """The stored alliance commitments (their parties are the holders) in the period."""
    rows = con.execute(
        """
        SELECT list_sort(list_distinct([h.code FOR h IN holder IF h.code <> ''])), sentence,
               doc_id, date
        FROM commitments
        WHERE kind = 'alliance'
          AND (?::DATE IS NULL OR date >= ?::DATE) AND (?::DATE IS NULL OR date <= ?::DATE)
        ORDER BY date, doc_id, sentence_index
        """, [since, since, until, until]).fetchall()
    return [Alliance(tuple(parties or ()), sentence or "", doc_id or "",
                     day.isoformat() if day else "") for parties, sentence, doc_id, day in rows]


def actor_names(codes: Iterable[str]) -> dict[str, str]:
    """Each code's name from the actor dictionaries ("South Korea", "United Nations")."""
    from redline.actors.codebook import load_codebook

    book = load_codebook()
    names: dict[str, str] = {}
    for code in codes:
        known = book.countries.get(code) or book.igos.get(code)
        if known is None:
            parsed = book.actor_code(code)
            known = parsed.name if parsed else ""
        names[code] = known or code
    return names


def named_graph(interactions: Sequence[Interaction], alliances: Sequence[Alliance]
                ) -> nx.MultiGraph:
    """``build_graph`` with each actor's name from the dictionaries (``actor_names``)."""
    codes = {c for i in interactions for c in (i.source, i.target)}
    codes |= {p for a in alliances for p in a.parties}
    return build_graph(interactions, alliances, actor_names(codes))


def build_graph(interactions: Iterable[Interaction], alliances: Iterable[Alliance] = (),
                names: Mapping[str, str] | None = None) -> nx.MultiGraph:
    """The actor network with its measures (see the module's docstring)."""
    graph = nx.MultiGraph()
    pairs: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {
        "cooperation": 0, "conflict": 0, "cooperation_intensity": 0.0,
        "conflict_intensity": 0.0})
    events: dict[str, int] = defaultdict(int)
    for item in interactions:
        if not item.source or not item.target or item.source == item.target:
            continue
        key = (min(item.source, item.target), max(item.source, item.target))
        edge = pairs[key]
        if item.quad in (1, 2):
            edge["cooperation"] += 1
            edge["cooperation_intensity"] += abs(item.intensity)
        elif item.quad in (3, 4):
            edge["conflict"] += 1
            edge["conflict_intensity"] -= abs(item.intensity)
        else:
            continue
        events[item.source] += 1
        events[item.target] += 1
    for (a, b), edge in sorted(pairs.items()):
        weight = round(edge["cooperation_intensity"] + edge["conflict_intensity"], 6)
        graph.add_edge(a, b, key="interaction", kind="interaction",
                       events=edge["cooperation"] + edge["conflict"],
                       cooperation=edge["cooperation"], conflict=edge["conflict"],
                       cooperation_intensity=round(edge["cooperation_intensity"], 6),
                       conflict_intensity=round(edge["conflict_intensity"], 6),
                       weight=weight, sign=(weight > 0) - (weight < 0))
    for alliance in alliances:
        parties = sorted(set(p for p in alliance.parties if p))
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                if graph.has_edge(a, b, key="alliance"):
                    data = graph.edges[a, b, "alliance"]
                    data["commitments"] += 1
                    data["weight"] += ALLIANCE_WEIGHT
                    continue
                graph.add_edge(a, b, key="alliance", kind="alliance", commitments=1,
                               weight=ALLIANCE_WEIGHT, sentence=alliance.sentence,
                               doc_id=alliance.doc_id, date=alliance.date)
    names = dict(names or {})
    for node in graph.nodes:
        graph.nodes[node]["name"] = names.get(node, node)
        graph.nodes[node]["events"] = events.get(node, 0)
    _measure(graph)
    return graph


def positive_graph(graph: nx.MultiGraph) -> nx.Graph:
    """Every actor, joined where the pair's net interaction is cooperative or they are
    allied; the weight is the positive net intensity plus the alliance weight."""
    positive = nx.Graph()
    positive.add_nodes_from(sorted(graph.nodes))
    for a, b, data in graph.edges(data=True):
        gain = data["weight"] if data["kind"] == "alliance" else max(data["weight"], 0.0)
        if gain <= 0:
            continue
        before = positive.edges[a, b]["weight"] if positive.has_edge(a, b) else 0.0
        positive.add_edge(a, b, weight=before + gain)
    return positive


def communities(graph: nx.MultiGraph, positive: nx.Graph | None = None) -> list[list[str]]:
    """The communities of aligned actors, largest first (ties: by their first code), found
    in ``positive`` (default: the graph's ``positive_graph``)."""
    positive = positive_graph(graph) if positive is None else positive
    if positive.number_of_edges() == 0:
        found: list[set[str]] = [{node} for node in positive.nodes]
    else:
        found = [set(c) for c in nx.community.greedy_modularity_communities(
            positive, weight="weight")]
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _measure(graph: nx.MultiGraph) -> None:
    positive = positive_graph(graph)
    rank = nx.pagerank(positive, weight="weight") if positive.number_of_nodes() else {}
    for node in graph.nodes:
        cooperation = conflict = net = 0.0
        for _a, _b, data in graph.edges(node, data=True):
            if data["kind"] != "interaction":
                continue
            cooperation += data["cooperation_intensity"]
            conflict -= data["conflict_intensity"]
            net += data["weight"]
        attrs = graph.nodes[node]
        attrs["degree"] = len(set(graph.neighbors(node)))
        attrs["cooperation"] = round(cooperation, 6)
        attrs["conflict"] = round(conflict, 6)
        attrs["net"] = round(net, 6)
        attrs["pagerank"] = round(float(rank.get(node, 0.0)), 6)
    for number, members in enumerate(communities(graph, positive)):
        for node in members:
            graph.nodes[node]["community"] = number


def numbered_communities(graph: nx.MultiGraph) -> list[list[str]]:
    """The communities ``build_graph`` numbered on the nodes (``community``), in that order:
    the modularity search is not run again for each output."""
    groups: dict[int, list[str]] = {}
    for node, number in graph.nodes(data="community"):
        groups.setdefault(number, []).append(node)
    return [sorted(groups[number]) for number in sorted(groups)]


# -- outputs ---------------------------------------------------------------------------------


def render(graph: nx.MultiGraph, format_: str, title: str = "redline actor network") -> bytes:
    """The graph in one of :data:`FORMATS`, as the bytes of a file."""
    if format_ == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(graph, buffer, encoding="utf-8")
        return buffer.getvalue()
    if format_ == "json":
        return (json.dumps(as_json(graph), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if format_ == "png":
        return _png(graph, title)
    if format_ == "html":
        return _html(graph, title).encode("utf-8")
    raise ValueError(f"unknown graph format {format_!r} (one of {', '.join(FORMATS)})")


def as_json(graph: nx.MultiGraph) -> dict[str, Any]:
    """networkx node-link data (``nodes``, ``links``), the communities and the graph's
    attributes; each node with its ``x``, ``y`` in the pictures' layout (allies close)."""
    data = nx.node_link_data(graph, edges="links")
    pos = layout(graph)
    for node in data["nodes"]:
        node["x"], node["y"] = pos[str(node["id"])]
    data["communities"] = numbered_communities(graph)
    return dict(data)


def layout(graph: nx.MultiGraph) -> dict[str, tuple[float, float]]:
    """Positions: allies and partners pulled together (the positive graph), fixed seed."""
    if graph.number_of_nodes() == 0:
        return {}
    positive = positive_graph(graph)
    for a, b in graph.edges():  # a light pull along conflict edges keeps the picture whole
        if not positive.has_edge(a, b):
            positive.add_edge(a, b, weight=0.05)
    top = max((w for _a, _b, w in positive.edges(data="weight")), default=1.0) or 1.0
    for _a, _b, data in positive.edges(data=True):
        data["weight"] = data["weight"] / top
    pos = nx.spring_layout(positive, seed=LAYOUT_SEED, weight="weight")
    return {str(n): (float(x), float(y)) for n, (x, y) in pos.items()}


def _edge_style(data: Mapping[str, Any], top: float) -> tuple[str, float, bool]:
    """Colour, width and dashing of an edge."""
    if data["kind"] == "alliance":
        return GREY, 2.0, True
    colour = BLUE if data["weight"] > 0 else RED if data["weight"] < 0 else GREY
    return colour, 1.0 + 5.0 * abs(data["weight"]) / top, False


def _ends(pos: Mapping[str, tuple[float, float]], a: str, b: str, shifted: bool
          ) -> tuple[tuple[float, float], tuple[float, float]]:
    """An edge's end points; an alliance is drawn a little beside the pair's interaction
    edge, so that both show."""
    (x1, y1), (x2, y2) = pos[a], pos[b]
    if not shifted:
        return (x1, y1), (x2, y2)
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    dx, dy = -(y2 - y1) / length * 0.03, (x2 - x1) / length * 0.03
    return (x1 + dx, y1 + dy), (x2 + dx, y2 + dy)


def _edge_top(graph: nx.MultiGraph) -> float:
    return max((abs(d["weight"]) for _a, _b, d in graph.edges(data=True)
                if d["kind"] == "interaction"), default=1.0) or 1.0


def _png(graph: nx.MultiGraph, title: str) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    figure = Figure(figsize=(10, 8), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(title)
    pos = layout(graph)
    top = _edge_top(graph)
    palette = PALETTE
    for a, b, data in graph.edges(data=True):
        colour, width, dashed = _edge_style(data, top)
        (x1, y1), (x2, y2) = _ends(pos, a, b, dashed)
        axes.plot([x1, x2], [y1, y2], color=colour, linewidth=width,
                  linestyle="--" if dashed else "-", alpha=0.8, zorder=1)
    for node, (x, y) in pos.items():
        attrs = graph.nodes[node]
        axes.scatter([x], [y], s=300 + 3000 * attrs["pagerank"], zorder=2,
                     color=palette[attrs["community"] % len(palette)], edgecolors="black")
        axes.annotate(node, (x, y), ha="center", va="center", fontsize=8, zorder=3)
    axes.legend(handles=[Line2D([], [], color=BLUE, label="cooperation"),
                         Line2D([], [], color=RED, label="conflict"),
                         Line2D([], [], color=GREY, linestyle="--", label="alliance")],
                loc="upper left", bbox_to_anchor=(0.0, 1.0), fontsize=8, framealpha=0.9)
    axes.margins(0.12)
    if not pos:
        axes.text(0.5, 0.5, "no actors in this period", ha="center", va="center")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _html(graph: nx.MultiGraph, title: str) -> str:
    import plotly.graph_objects as go

    pos = layout(graph)
    top = _edge_top(graph)
    palette = PALETTE
    figure = go.Figure()
    for a, b, data in graph.edges(data=True):
        colour, width, dashed = _edge_style(data, top)
        (x1, y1), (x2, y2) = _ends(pos, a, b, dashed)
        if data["kind"] == "alliance":
            hover = f"{a}-{b} alliance: {data['sentence']} ({data['date']})"
        else:
            hover = (f"{a}-{b}: {data['cooperation']} cooperative, {data['conflict']} "
                     f"conflictual events, net {data['weight']:+.1f}")
        figure.add_trace(go.Scatter(
            x=[x1, (x1 + x2) / 2, x2], y=[y1, (y1 + y2) / 2, y2], mode="lines",
            line={"color": colour, "width": width, "dash": "dash" if dashed else "solid"},
            hoverinfo="text", text=[hover] * 3, showlegend=False))
    nodes = sorted(pos)
    figure.add_trace(go.Scatter(
        x=[pos[n][0] for n in nodes], y=[pos[n][1] for n in nodes], mode="markers+text",
        text=nodes, textposition="middle center", hoverinfo="text",
        hovertext=[_node_hover(graph, n) for n in nodes],
        marker={"size": [18 + 80 * graph.nodes[n]["pagerank"] for n in nodes],
                "color": [palette[graph.nodes[n]["community"] % len(palette)] for n in nodes],
                "line": {"color": "black", "width": 1}},
        showlegend=False))
    figure.update_layout(title=title, template="plotly_white", hovermode="closest",
                         xaxis={"visible": False}, yaxis={"visible": False})
    return str(figure.to_html(include_plotlyjs=True, full_html=True))


def _node_hover(graph: nx.MultiGraph, node: str) -> str:
    a = graph.nodes[node]
    return (f"{node} {a['name']}<br>community {a['community']}, pagerank {a['pagerank']:.3f}"
            f"<br>{a['degree']} neighbours; cooperation {a['cooperation']:.1f}, conflict "
            f"{a['conflict']:.1f}, net {a['net']:+.1f}")


def summary_line(graph: nx.MultiGraph) -> str:
    """One line for the terminal: sizes, the top actors and the communities."""
    alliances = sum(1 for _a, _b, k in graph.edges(keys=True) if k == "alliance")
    top = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["pagerank"], n))[:3]
    groups = numbered_communities(graph)
    shown = "; ".join(",".join(c) for c in groups[:4] if len(c) > 1)
    return (f"{graph.number_of_nodes()} actors, {graph.number_of_edges() - alliances} "
            f"interacting pairs, {alliances} alliance edges; top by PageRank: "
            f"{', '.join(top) or '-'}; communities: {shown or '-'}")
