"""``redline.read_events``, ``read_commitments`` and ``code_texts``: DataFrames of real coded
text, from a store built here and from plain texts."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from pandas.api import types as ptypes

import redline
from redline.store.schema import StoreError
from tests.conftest import ROOT, rows

SUMMONS = "Seoul summoned the Russian ambassador."
DOCUMENTS = [
    {"id": "june", "date": "2024-06-21",
     "text": "Seoul summoned the Russian ambassador on Friday. Russia threatened South Korea "
             "on Tuesday over arms supplies to Ukraine."},
    {"id": "may", "date": "2024-05-02",
     "text": "If South Korea decides to supply arms to Ukraine, Russia will respond, the "
             "Kremlin warned. Iran attacked Israel."},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Path:
    """A store of the two documents, ingested with the lexicon-only coder."""
    from redline.runs.local import ingest

    folder = tmp_path_factory.mktemp("frames")
    inputs = folder / "news.jsonl"
    inputs.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    db = folder / "store.duckdb"
    ingest([str(inputs)], db, resources)
    return db


def test_read_events_returns_the_stored_events(store: Path) -> None:
    frame = redline.read_events(store)
    stored = rows(store, "SELECT id, event, asserted, confidence FROM events")
    assert len(stored) >= 4
    assert sorted(frame["id"]) == sorted(r[0] for r in stored)
    assert dict(zip(frame["id"], frame["event"], strict=True)) == {r[0]: r[1] for r in stored}
    summons = frame[frame["sentence"].str.startswith("Seoul summoned")].iloc[0]
    assert (summons["actor_code"], summons["actor_sector"]) == ("KOR", "GOV")
    assert (summons["recipient_code"], summons["recipient_sector"]) == ("RUS", "GOV")
    assert summons["actor"] == [{"text": "Seoul", "code": "KOR", "sector": "GOV",
                                 "name": "South Korea"}]
    assert summons["date"] == pd.Timestamp("2024-06-21")
    assert summons["doc_date"] == pd.Timestamp("2024-06-21")
    assert summons["num_mentions"] == 1 and not pd.isna(summons["cluster_id"])
    threat = frame[(frame["event"] == "THREATEN") & (frame["doc_id"] == "june")].iloc[0]
    assert threat["date"] == pd.Timestamp("2024-06-18")  # Tuesday before the Friday


def test_dtypes(store: Path) -> None:
    frame = redline.read_events(store)
    for column in ("date", "doc_date", "doc_ingested_at"):
        assert ptypes.is_datetime64_any_dtype(frame[column]), column
    for column in ("id", "event", "actor_code", "recipient_code", "sentence", "doc_url"):
        assert ptypes.is_string_dtype(frame[column]), column
    assert str(frame["quad"].dtype) == "Int64" and str(frame["num_mentions"].dtype) == "Int64"
    assert str(frame["asserted"].dtype) == "boolean"
    assert ptypes.is_float_dtype(frame["confidence"]) and ptypes.is_float_dtype(frame["intensity"])
    assert all(isinstance(v, list) for v in frame["actor"])
    assert all(isinstance(v, list) for v in frame["modality"])
    assert all(isinstance(v, dict) and set(v) == {"actor", "event", "recipient"}
               for v in frame["spans"])


def test_filters_select_what_the_store_says(store: Path) -> None:
    asserted = redline.read_events(store, asserted_only=True)
    expected = {r[0] for r in rows(store, "SELECT id FROM events WHERE asserted")}
    assert set(asserted["id"]) == expected and 0 < len(expected) < len(redline.read_events(store))
    assert asserted["asserted"].all()

    confident = redline.read_events(store, min_confidence=0.8)
    assert set(confident["id"]) == {r[0] for r in rows(
        store, "SELECT id FROM events WHERE confidence >= 0.8")}

    june = redline.read_events(store, since="2024-06-01", until=date(2024, 6, 30))
    assert set(june["doc_id"]) == {"june"}
    assert (june["date"] >= pd.Timestamp("2024-06-01")).all()

    israel = redline.read_events(store, actor="isr")
    assert list(israel["recipient_code"]) == ["ISR"] and list(israel["actor_code"]) == ["IRN"]
    threats = redline.read_events(store, event_type="threaten")
    assert set(threats["event"]) == {"THREATEN"} and set(threats["doc_id"]) == {"june", "may"}
    no_actor = redline.read_events(store, event_type="AID", since="2024-06-01")
    assert no_actor["actor_code"].isna().all() and list(no_actor["actor"]) == [[]]


def test_bad_filters_and_stores_are_refused(store: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        redline.read_events(store, min_confidence=2)
    with pytest.raises(ValueError, match="after"):
        redline.read_events(store, since="2024-07-01", until="2024-06-01")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        redline.read_events(store, since="June")
    with pytest.raises(StoreError, match="no such database"):
        redline.read_events(tmp_path / "absent.duckdb")


def test_an_open_connection_is_used_and_left_open(store: Path) -> None:
    con = duckdb.connect(str(store), read_only=True)
    try:
        frame = redline.read_events(con, asserted_only=True)
        assert con.execute("SELECT count(*) FROM events WHERE asserted").fetchone() == (
            len(frame),)
    finally:
        con.close()


def test_read_commitments(store: Path) -> None:
    frame = redline.read_commitments(store)
    assert len(frame) == rows(store, "SELECT count(*) FROM commitments")[0][0] >= 1
    threat = frame[frame["kind"] == "threat"].iloc[0]
    assert threat["holder_code"] == "RUS"
    assert threat["trigger_actor_code"] == "KOR" and threat["trigger_event"] == "AID"
    assert threat["trigger_recipient_code"] == "UKR"
    assert isinstance(threat["trigger"], dict)
    assert ptypes.is_datetime64_any_dtype(frame["date"])
    assert redline.read_commitments(store, actor="FRA").empty


def test_code_texts_codes_a_real_sentence(resources: Any) -> None:
    frame = redline.code_texts([SUMMONS], dates="2024-06-21", resources=resources,
                               classifier=False)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["actor_code"], row["actor_sector"], row["event"]) == ("KOR", "GOV", "ACCUSE")
    assert (row["recipient_code"], row["recipient_sector"]) == ("RUS", "GOV")
    assert row["doc_id"] == "0" and row["date"] == pd.Timestamp("2024-06-21")
    assert pd.isna(row["doc_ingested_at"]) and pd.isna(row["num_mentions"])


def test_code_texts_has_the_columns_and_dtypes_of_read_events(resources: Any,
                                                             store: Path) -> None:
    fresh = redline.code_texts([d["text"] for d in DOCUMENTS],
                               dates=[d["date"] for d in DOCUMENTS],
                               ids=[d["id"] for d in DOCUMENTS], resources=resources,
                               classifier=False)
    stored = redline.read_events(store)
    assert list(fresh.columns) == list(stored.columns)
    assert fresh.dtypes.astype(str).to_dict() == stored.dtypes.astype(str).to_dict()
    keep = ["id", "doc_id", "event", "actor_code", "recipient_code", "date", "asserted"]
    assert (fresh[keep].sort_values("id").reset_index(drop=True)
            .equals(stored[keep].sort_values("id").reset_index(drop=True)))


def test_code_texts_with_no_event_and_bad_arguments(resources: Any) -> None:
    empty = redline.code_texts(["The weather was mild."], resources=resources,
                               classifier=False)
    assert empty.empty and "actor_code" in empty.columns
    with pytest.raises(TypeError, match="list of strings"):
        redline.code_texts(SUMMONS, resources=resources, classifier=False)
    with pytest.raises(ValueError, match="2 dates for 1 texts"):
        redline.code_texts([SUMMONS], dates=["2024-01-01", "2024-01-02"], resources=resources)
    with pytest.raises(ValueError, match="relation classifier"):
        redline.code_texts([SUMMONS], resources=resources)  # classifier=True, none loaded


def test_code_texts_with_the_relation_model(resources: Any, classifier: Any) -> None:
    full = replace(resources, relations=classifier)
    frame = redline.code_texts(["Russian forces shelled Kharkiv."], resources=full)
    assert list(frame["event"]) == ["ASSAULT"]
    assert list(frame["actor_code"]) == ["RUS"] and list(frame["actor_sector"]) == ["MIL"]


def test_importing_redline_stays_cheap() -> None:
    code = ("import sys, redline; assert 'pandas' not in sys.modules; "
            "assert 'spacy' not in sys.modules; print(redline.read_events.__module__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "redline.dataframes"
