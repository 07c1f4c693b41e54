"""The day's brief as a report (``redline brief --format text|markdown|html``): the day's
events with their whole sentences, the red lines crossed that day, the escalating pairs with
their plots; written from a small store of constructed articles ingested by the lexicon-only
coder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.helpers import ingested, stories

THREAT = ("Russian President Vladimir Putin has issued a stern warning to South Korea against "
          "supplying lethal weapons to Ukraine, saying that if South Korea sends weapons to "
          "Ukraine, Moscow will respond harshly.")
EARLIER = "Russian officials criticised South Korea over its trade policy."
CROSSING = ("South Korea supplied lethal weapons to Ukraine, according to officials in Seoul "
            "who spoke on condition of anonymity about the shipment of artillery shells.")
ATTACK = "Russian troops attacked South Korean soldiers near the border."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("brief")
    articles = [("a", EARLIER, "2024-06-10"), ("b", THREAT, "2024-06-21"),
                ("c", f"{CROSSING} {ATTACK}", "2024-06-25")]
    return ingested(folder / "r.duckdb", stories(folder / "in.jsonl", articles))


def test_text_shows_whole_sentences_and_the_crossing(store: Path):
    result = run_cli("brief", "--db", str(store), "--date", "2024-06-25")
    assert result.returncode == 0, result.stderr.decode()
    text = " ".join(result.stdout.decode().split())
    assert CROSSING in text  # whole, not cut to a column
    assert "red lines crossed" in text
    assert "KOR AID/weapons -> UKR crosses the threat by RUS (2024-06-21)" in text


def test_markdown_writes_the_report_and_the_escalating_pairs_plots(store: Path,
                                                                   tmp_path: Path):
    out = tmp_path / "brief.md"
    result = run_cli("brief", "--db", str(store), "--date", "2024-06-25", "--format",
                     "markdown", "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Brief for 2024-06-25")
    assert "## Red lines crossed" in text and "stated: Russian President" in text
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert "brief_files/dyad_RUS_KOR.png" in images  # RUS->KOR: hostile again, escalating
    for image in images:
        assert (tmp_path / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_html_is_one_self_contained_page(store: Path, tmp_path: Path):
    out = tmp_path / "brief.html"
    result = run_cli("brief", "--db", str(store), "--date", "2024-06-25", "--format", "html",
                     "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Red lines crossed" in page
    assert "data:image/png;base64," in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "<script" not in page


def test_html_escapes_the_news(store: Path):
    result = run_cli("brief", "--db", str(store), "--date", "2024-06-25", "--format", "html")
    assert result.returncode == 0
    assert "-&gt; UKR" in result.stdout.decode()


@pytest.mark.parametrize(("args", "says"), [
    (("--format", "pdf"), "--format must be one of"),
    (("--date", "June 25"), "is not a date"),
    (("--date", "1999-01-01"), "outside the store's events, which run from 2024-06-10"),
])
def test_bad_options_get_one_line_and_exit_code_2(store: Path, args: tuple[str, ...],
                                                  says: str):
    result = run_cli("brief", "--db", str(store), *args)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in stderr
    assert stderr.count("\n") == 1 and says in stderr
