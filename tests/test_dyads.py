"""Dyad trends (``redline dyad``, ``analysis/dyads.py``, ``analysis/plots.py``) and the
brief's trend lines, on a small store built by SQL inserts: the series and the escalation
index computed by hand, a change point placed in a constructed series, the PNG and HTML
plots, and bad queries refused in one line."""

from __future__ import annotations

import json
import math
import re
import statistics
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from redline.analysis.clusters import rebuild_clusters
from redline.analysis.dyads import (
    DyadEvent,
    DyadQueryError,
    NoEvents,
    Period,
    build_series,
    change_points,
    country,
    find_breaks,
    how_unusual,
    load_dyad,
    pair_trends,
)
from redline.store.schema import connect
from tests.conftest import run_cli
from tests.helpers import insert_events


def _actor(code: str, sector: str = "") -> dict[str, str]:
    return {"text": code, "code": code, "sector": sector, "name": code}


def _event(eid: str, doc: str, day: str, actor: str, event: str, recipient: str, quad: int,
           intensity: float, asserted: bool = True, confidence: float = 0.8) -> dict[str, Any]:
    return {"id": eid, "doc_key": f"id:{doc}", "doc_id": doc, "sentence_index": int(eid[1:2]),
            "sentence": f"Sentence of {eid}: {actor} {event.lower()} {recipient}.",
            "date": date.fromisoformat(day), "date_precision": "day",
            "actor": [_actor(actor)], "event": event, "mode": "", "context": [],
            "recipient": [_actor(recipient)], "cameo": "", "quad": quad,
            "intensity": intensity, "asserted": asserted,
            "modality": [] if asserted else ["hypothetical"], "confidence": confidence,
            "coder": "redline test"}


EVENTS = [
    # one cluster reported by two documents: counted once, told by the more confident event
    _event("e1", "doc1", "2024-06-03", "RUSGOV", "THREATEN", "KOR", 3, -4.4, confidence=0.9),
    _event("e1b", "doc2", "2024-06-03", "RUSGOV", "THREATEN", "KOR", 3, -4.0, confidence=0.7),
    _event("e2", "doc1", "2024-06-05", "RUS", "ASSAULT", "KOR", 4, -10.0),
    _event("e3", "doc2", "2024-06-06", "RUS", "CONSULT", "KOR", 1, 1.0),
    _event("e4", "doc2", "2024-06-06", "RUS", "THREATEN", "KOR", 3, -4.4, asserted=False),
    _event("e5", "doc3", "2024-06-19", "KOR", "ACCUSE", "RUS", 3, -2.0),
    _event("e6", "doc3", "2024-06-20", "RUS", "AID", "KOR", 2, 7.0),
    _event("e7", "doc3", "2024-06-24", "USA", "CONSULT", "CHN", 1, 1.0),
]


def build_store(path: Path, events: list[dict[str, Any]]) -> Path:
    con = connect(path)
    for doc in sorted({e["doc_id"] for e in events}):
        con.execute("INSERT INTO documents (doc_key, id, title, date, source, ingested_at) "
                    "VALUES (?, ?, ?, DATE '2024-06-01', ?, TIMESTAMP '2024-06-25 00:00:00')",
                    [f"id:{doc}", doc, doc, f"outlet-{doc}"])
    insert_events(con, events)
    rebuild_clusters(con)
    con.close()
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("dyads") / "dyads.duckdb", EVENTS)


@pytest.fixture
def con(store: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    reader = connect(store, read_only=True)
    yield reader
    reader.close()


# -- the series by hand ---------------------------------------------------------------------------


def test_codes_compare_by_country() -> None:
    assert country("RUSGOV") == "RUS" and country("kor") == "KOR"
    assert country("IGOUNO") == "IGOUNO" and country("IGOWSTNAT") == "IGOWSTNAT"


def test_weekly_series_and_index_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    series = load_dyad(con, "RUS", "KOR", by="week")
    # from the dyad's first event to the store's last day (2024-06-24, USA->CHN)
    assert (series.first, series.last) == (date(2024, 6, 3), date(2024, 6, 24))
    assert [p.start for p in series.periods] == [date(2024, 6, 3), date(2024, 6, 10),
                                                 date(2024, 6, 17), date(2024, 6, 24)]
    week1, week2, week3, week4 = series.periods
    # week of 3 June: THREATEN (-4.4, the cluster once, its more confident event), ASSAULT
    # (-10), CONSULT (+1); the hypothetical THREATEN is not asserted: left out
    assert week1.counts == (1, 0, 1, 1) and week1.total == 3
    assert week1.intensity_sum == pytest.approx(-4.4 - 10.0 + 1.0)
    assert week1.intensity_mean == pytest.approx(-13.4 / 3)
    assert week1.balance == pytest.approx((1 - 2) / 3)
    assert week1.index == pytest.approx(13.4)
    assert week2.counts == (0, 0, 0, 0) and week2.index == 0.0
    assert week2.intensity_mean is None and week2.balance is None
    # week of 17 June: AID (+7); KOR's ACCUSE is the other direction: not counted
    assert week3.counts == (0, 1, 0, 0) and week3.index == pytest.approx(-7.0)
    assert week3.balance == 1.0
    assert week4.total == 0
    assert {e.cluster_id for e in series.events} == {e.cluster_id for e in week1.events
                                                     + week3.events}
    threat = next(e for e in week1.events if e.event == "THREATEN")
    assert threat.intensity == -4.4 and threat.doc_id == "doc1" and threat.mentions == 2


def test_both_directions_and_months(con: duckdb.DuckDBPyConnection) -> None:
    both = load_dyad(con, "KOR", "RUS", by="week", both=True)
    week3 = both.periods[2]
    assert week3.counts == (0, 1, 1, 0) and week3.index == pytest.approx(2.0 - 7.0)
    assert week3.balance == 0.0 and week3.intensity_mean == pytest.approx(2.5)
    months = load_dyad(con, "RUS", "KOR", by="month")
    assert [p.start for p in months.periods] == [date(2024, 6, 1)]
    assert months.periods[0].index == pytest.approx(13.4 - 7.0)
    assert "no change points sought: 1 period" in months.method
    days = load_dyad(con, "RUS", "KOR", by="day", since=date(2024, 6, 4),
                     until=date(2024, 6, 6))
    assert [p.index for p in days.periods] == pytest.approx([0.0, 10.0, -1.0])


# -- change points and how unusual ----------------------------------------------------------------

NOISE = [0.0, 1.0, -1.0, 0.5, 0.0, -0.5, 1.0, 0.0, -1.0, 0.5, 0.3, -0.3]


def test_a_placed_change_point_is_found() -> None:
    values = NOISE + [v + 10.0 for v in NOISE]
    breaks, method = find_breaks(values)
    assert breaks == [12] and method.startswith("PELT")
    down = NOISE + [v + 10.0 for v in NOISE] + NOISE[:8]
    assert find_breaks(down)[0] == [12, 24]
    assert find_breaks(NOISE)[0] == []  # noise alone: no change


def test_short_and_constant_series_have_no_change_points() -> None:
    breaks, why = find_breaks([1.0, 5.0, 2.0])
    assert breaks == [] and "3 periods, fewer than the 4 needed" in why
    breaks, why = find_breaks([2.0] * 10)
    assert breaks == [] and "same in every period" in why


def _week_event(i: int, day: date, intensity: float) -> DyadEvent:
    return DyadEvent(f"c{i}", day, "ASSAULT" if intensity < 0 else "CONSULT", "",
                     4 if intensity < 0 else 1, intensity, 1, f"d{i}", f"s{i}", ("RUS",),
                     ("UKR",))


def test_change_points_name_the_events_that_drive_them() -> None:
    """Ten quiet weeks with a meeting each, then ten weeks of strikes: the change is found
    at the first week of strikes, and its drivers are the strikes."""
    events = []
    for week in range(20):
        day = date(2024, 1, 1 + 7 * week) if week < 4 else date.fromordinal(
            date(2024, 1, 1).toordinal() + 7 * week)
        if week < 10:
            events.append(_week_event(week, day, 2.0))
        else:
            events += [_week_event(100 + 3 * week + k, day, -5.0 - (week == 14) * k)
                       for k in range(3)]
    periods = build_series(events, "week", events[0].day, events[-1].day)
    assert len(periods) == 20
    points, _ = change_points(periods)
    assert [p.position for p in points] == [10]
    point = points[0]
    assert point.direction == "escalation"
    assert point.before == pytest.approx(-2.0)
    assert point.after == pytest.approx((9 * 15.0 + 18.0) / 10)
    assert [e.intensity for e in point.drivers] == [-7.0, -6.0, -5.0]  # the worst first
    assert "most hostile" in point.drivers_are


def test_how_unusual_by_hand() -> None:
    history = [0.0, 0.0, 2.0, 0.0]
    trend = how_unusual(5.0, history, had_events=True, unit="week")
    mean, sd = statistics.fmean(history), statistics.pstdev(history)
    assert trend.mean == pytest.approx(mean) and trend.sd == pytest.approx(sd)
    assert trend.z == pytest.approx((5.0 - mean) / sd)
    assert trend.word == "escalating" and "5.2 sd above" in trend.text
    assert how_unusual(0.3, history, True).word == "steady"
    assert how_unusual(-3.0, history, True).word == "improving"
    new = how_unusual(4.4, [0.0] * 30, had_events=False, unit="day")
    assert new.z is None and new.word == "escalating"
    assert new.text == "no events in the 30 days before: no history to compare"


def test_the_brief_uses_the_same_index(con: duckdb.DuckDBPyConnection, store: Path) -> None:
    trends = {(p.source, p.target): (p.count, p.unusual)
              for p in pair_trends(con, date(2024, 6, 5))}
    count, trend = trends[("RUS", "KOR")]
    history = [0.0] * 30
    history[-2] = 4.4  # 3 June, two days before
    assert count == 1 and trend.value == pytest.approx(10.0)
    assert trend.z == pytest.approx((10.0 - statistics.fmean(history))
                                    / statistics.pstdev(history))
    assert trend.word == "escalating"
    brief = run_cli("brief", "--db", str(store), "--date", "2024-06-05")
    assert brief.returncode == 0, brief.stderr.decode()
    text = " ".join(brief.stdout.decode().split())
    assert f"RUS->KOR: index +10.0 over 1 event today, escalating: +9.9 against its 30-day " \
           f"mean +0.1, {trend.z:.1f} sd above it" in text
    first = run_cli("brief", "--db", str(store), "--date", "2024-06-03")
    assert "no events in the 30 days before: no history to compare" in " ".join(
        first.stdout.decode().split())


# -- plots ----------------------------------------------------------------------------------------


def test_png_and_html_plots(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    import matplotlib.image

    from redline.analysis.plots import write_html, write_png

    series = load_dyad(con, "RUS", "KOR", by="day")
    png, page = tmp_path / "d.png", tmp_path / "d.html"
    write_png(series, png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = matplotlib.image.imread(png)
    assert pixels.shape[0] > 300 and pixels.shape[1] > 600
    write_html(series, page)
    text = page.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<html") or "<!doctype html>" in text[:100].lower()
    assert "plotly.js v" in text and len(text) > 1_000_000  # the library, inlined
    assert "Plotly.newPlot" in text
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", text, re.I)
    assert "2024-06-05 ASSAULT RUS-&gt;KOR (-10.0)" in text  # the top event, annotated
    assert not list(tmp_path.glob(".*.tmp"))


# -- the command line -----------------------------------------------------------------------------


def test_dyad_command_outputs(store: Path, tmp_path: Path) -> None:
    result = run_cli("dyad", "rus", "KOR", "--db", str(store), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["dyad"] == {"source": "RUS", "target": "KOR", "directed": True}
    assert [p["escalation_index"] for p in data["periods"]] == pytest.approx(
        [13.4, 0.0, -7.0, 0.0])
    assert data["periods"][0]["balance"] == pytest.approx(-1 / 3)
    table = run_cli("dyad", "RUS", "KOR", "--db", str(store))
    assert table.returncode == 0 and "2024-06-03" in table.stdout.decode()
    csv_out = run_cli("dyad", "RUS", "KOR", "--db", str(store), "--format", "csv")
    lines = csv_out.stdout.decode().splitlines()
    assert lines[0].startswith("period,quad1,quad2,quad3,quad4,total,intensity_sum")
    assert lines[1].startswith("2024-06-03,1,0,1,1,3,-13.4,")
    out = tmp_path / "plot.png"
    png = run_cli("dyad", "RUS", "KOR", "--db", str(store), "--format", "png", "--out",
                  str(out))
    assert png.returncode == 0 and out.read_bytes()[:4] == b"\x89PNG"
    again = run_cli("dyad", "RUS", "KOR", "--db", str(store), "--format", "png", "--out",
                    str(out))
    assert again.returncode == 2 and "use --force" in again.stderr.decode()


@pytest.mark.parametrize(("args", "fragment"), [
    (("XYZ", "KOR"), "no event in the store involves XYZ"),
    (("R1", "KOR"), "'R1' is not an actor code"),
    (("RUS", "RUSGOV"), "the same country"),
    (("RUS", "KOR", "--since", "2024-13-01"), "--since '2024-13-01' is not a date"),
    (("RUS", "KOR", "--since", "2024-06-20", "--until", "2024-06-01"), "is after --until"),
    (("RUS", "KOR", "--since", "2030-01-01"), "outside the store's events, 2024-06-03 to "
                                              "2024-06-24"),
    (("RUS", "KOR", "--by", "year"), "--by must be one of day, week, month"),
    (("RUS", "KOR", "--format", "png"), "--format png needs --out FILE"),
])
def test_bad_queries_are_one_line_and_exit_2(store: Path, args: tuple[str, ...],
                                             fragment: str) -> None:
    result = run_cli("dyad", *args, "--db", str(store))
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert stderr.count("\n") == 1 and stderr.startswith("error: ") and fragment in stderr
    assert "Traceback" not in stderr and not result.stdout


def test_empty_stores_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    connect(empty).close()  # a store without events
    result = run_cli("dyad", "RUS", "KOR", "--db", str(empty))
    assert result.returncode == 2 and "holds no dated events" in result.stderr.decode()
    missing = run_cli("dyad", "RUS", "KOR", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 2 and "no such database" in missing.stderr.decode()
    assert missing.stderr.decode().count("\n") == 1


def test_a_dyad_without_events_in_the_window(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(NoEvents, match="no asserted events of USA->CHN from 2024-06-03"):
        load_dyad(con, "USA", "CHN", since=date(2024, 6, 3), until=date(2024, 6, 20))
    assert issubclass(NoEvents, DyadQueryError)


def test_periods_never_show_minus_zero() -> None:
    assert Period(date(2024, 1, 1), (0, 0, 0, 0), 0.0).index == 0.0
    assert math.copysign(1.0, Period(date(2024, 1, 1), (0, 0, 0, 0), 0.0).index) == 1.0
