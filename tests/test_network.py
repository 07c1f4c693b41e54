"""The actor network (``redline graph``): edge signs and weights, alliance edges, the
communities of aligned actors, and the four output formats."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from redline.analysis.network import Alliance, Interaction, build_graph, communities, render
from tests.conftest import EXAMPLES, run_cli

SEED = EXAMPLES / "seed_article.jsonl"


def two_blocs() -> nx.MultiGraph:
    """AAA, BBB, CCC cooperate; DDD, EEE, FFF cooperate; the blocs fight; DDD-EEE allied."""
    coop = [("AAA", "BBB"), ("BBB", "CCC"), ("AAA", "CCC"), ("DDD", "EEE"), ("EEE", "FFF"),
            ("DDD", "FFF")]
    items = [Interaction(a, b, 2, 7.4) for a, b in coop]
    items += [Interaction("AAA", "DDD", 4, -9.3), Interaction("EEE", "BBB", 3, -5.1),
              Interaction("AAA", "DDD", 1, 2.0)]
    return build_graph(items, [Alliance(("DDD", "EEE"), "a pact", "doc", "2024-06-21")])


def test_edges_keep_counts_and_the_signed_sum():
    graph = two_blocs()
    mixed = graph.edges["AAA", "DDD", "interaction"]
    assert (mixed["cooperation"], mixed["conflict"]) == (1, 1)
    assert mixed["cooperation_intensity"] == pytest.approx(2.0)
    assert mixed["conflict_intensity"] == pytest.approx(-9.3)
    assert mixed["weight"] == pytest.approx(-7.3) and mixed["sign"] == -1
    friendly = graph.edges["AAA", "BBB", "interaction"]
    assert friendly["weight"] == pytest.approx(7.4) and friendly["sign"] == 1
    assert graph.edges["BBB", "EEE", "interaction"]["sign"] == -1  # either direction


def test_alliances_are_their_own_edge_kind():
    graph = two_blocs()
    alliance = graph.edges["DDD", "EEE", "alliance"]
    assert alliance["kind"] == "alliance" and alliance["sentence"] == "a pact"
    assert graph.edges["DDD", "EEE", "interaction"]["kind"] == "interaction"
    assert graph.number_of_edges("DDD", "EEE") == 2


def test_two_blocs_are_two_communities_and_conflict_does_not_rank():
    graph = two_blocs()
    assert communities(graph) == [["AAA", "BBB", "CCC"], ["DDD", "EEE", "FFF"]]
    assert graph.nodes["AAA"]["community"] != graph.nodes["DDD"]["community"]
    assert graph.nodes["AAA"]["degree"] == 3
    # the alliance raises DDD and EEE over FFF in the positive graph's PageRank
    assert graph.nodes["DDD"]["pagerank"] > graph.nodes["FFF"]["pagerank"]


def test_graphml_reads_back_with_networkx():
    graph = two_blocs()
    back = nx.read_graphml(io.BytesIO(render(graph, "graphml")), force_multigraph=True)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    kinds = sorted(d["kind"] for _a, _b, d in back.edges(data=True))
    assert kinds.count("alliance") == 1
    assert back.nodes["AAA"]["community"] == graph.nodes["AAA"]["community"]


def test_json_is_node_link_data_with_communities():
    data = json.loads(render(two_blocs(), "json"))
    assert data["multigraph"] is True
    assert {n["id"] for n in data["nodes"]} == {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF"}
    assert any(link["kind"] == "alliance" for link in data["links"])
    assert data["communities"][0] == ["AAA", "BBB", "CCC"]
    # the layout's positions come along: a bloc's members sit closer to each other than
    # to the other bloc's
    at = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    blocs = (("AAA", "BBB", "CCC"), ("DDD", "EEE", "FFF"))

    def distance(a: str, b: str) -> float:
        return float(((at[a][0] - at[b][0]) ** 2 + (at[a][1] - at[b][1]) ** 2) ** 0.5)

    inside = [distance(a, b) for bloc in blocs for a in bloc for b in bloc if a < b]
    across = [distance(a, b) for a in blocs[0] for b in blocs[1]]
    assert max(inside) < min(across)


def test_png_is_a_png():
    data = render(two_blocs(), "png")
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000


def test_html_is_self_contained():
    html = render(two_blocs(), "html").decode("utf-8")
    assert "<html" in html and "AAA" in html
    scripts = re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
    assert scripts and not any("src" in tag.lower() for tag in scripts)
    assert not re.search(r"<link\b[^>]*href=[\"']?https?:", html, flags=re.IGNORECASE)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("graph") / "seed.duckdb"
    result = run_cli("ingest", str(SEED), "--db", str(db), "--quiet", "--fast")
    assert result.returncode == 0, result.stderr.decode()
    return db


def test_graph_command_on_the_seed_article(seed_db: Path, tmp_path: Path):
    out = tmp_path / "seed.graphml"
    result = run_cli("graph", "--db", str(seed_db), "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    graph = nx.read_graphml(out, force_multigraph=True)
    assert {"RUS", "PRK", "KOR"} <= set(graph.nodes)
    assert any(d["kind"] == "alliance" for a, b, d in graph.edges(data=True)
               if {a, b} == {"RUS", "PRK"})
    assert "written to" in result.stderr.decode()


@pytest.mark.parametrize("args, fragment", [
    (["--since", "2024-07-01", "--until", "2024-06-01"], "is after --until"),
    (["--since", "2024-13-01"], "not a date"),
    (["--since", "2030-01-01"], "no asserted events"),
    (["--format", "svg"], "--format must be one of"),
])
def test_graph_errors_are_one_line_exit_2(seed_db: Path, args: list[str], fragment: str):
    result = run_cli("graph", "--db", str(seed_db), *args)
    err = result.stderr.decode()
    assert result.returncode == 2 and fragment in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_graph_of_a_store_that_is_not_there(tmp_path: Path):
    result = run_cli("graph", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2 and len(result.stderr.decode().strip().splitlines()) == 1
