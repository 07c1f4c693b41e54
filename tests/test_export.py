"""``redline.export``: every format, every filter, atomic writing."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from redline.export import FORMATS, ExportFilter, export
from redline.export import gdelt as gdelt_module
from redline.export import plover as plover_module
from redline.export import tables as tables_module
from redline.export.gdelt import GDELT_ALL_COLUMNS, GDELT_COLUMNS
from redline.export.polecat import POLECAT_COLUMNS
from redline.export.tables import COMMITMENT_CSV_COLUMNS, DOCUMENT_CSV_COLUMNS, EVENT_CSV_COLUMNS
from redline.records import Field
from redline.store.schema import connect
from tests.conftest import run_cli

E_THREAT = "a1b2c3d4e5f60718"  # RUS GOV -> KOR THREATEN, doc 1, sentence 0, in VNM
E_ACCUSE = "0f1e2d3c4b5a6978"  # KOR -> RUS ACCUSE, doc 1
E_AID = "1122334455667788"  # WST -> UKR AID (intended), doc 2
E_REQUEST = "99aabbccddeeff00"  # IGOUNO -> SYR REQUEST, doc 2
E_THREAT2 = "5566778899aabbcc"  # the threat again, reported by doc 2
ALL_EVENTS = 5
NO_FILTER = ExportFilter()

GDELT_EXPECTED = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions "
    "NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
    "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL"
).split()


def _actor(text: str, code: str, sector: str, name: str) -> str:
    return f"{{'text': '{text}', 'code': '{code}', 'sector': '{sector}', 'name': '{name}'}}"


PUTIN = _actor("Vladimir Putin", "RUS", "GOV", "Vladimir Putin")
RUSSIA = _actor("Russia", "RUS", "", "Russia")
SEOUL = _actor("Seoul", "KOR", "", "South Korea")
KOREA = _actor("South Korea", "KOR", "", "South Korea")
WEST = _actor("Western allies", "WST", "", "the West")
UKRAINE = _actor("Ukraine", "UKR", "", "Ukraine")
UN = _actor("the UN", "IGOUNO", "", "United Nations")
SYRIA = _actor("Damascus", "SYR", "GOV", "Syria")
PRK = _actor("North Korea", "PRK", "", "North Korea")

SPANS = "{'actor': [[0, 14]], 'event': [[20, 27]], 'recipient': [[30, 41]]}"


def _event(eid: str, doc: str, idx: int, day: str, actor: str, event: str, mode: str,
           context: str, recipient: str, cameo: str, quad: int, intensity: float,
           asserted: bool, modality: str, reported_by: str, location: str,
           sentence: str) -> str:
    return (
        f"('{eid}', 'id:{doc}', '{doc}', {idx}, '{sentence}', DATE '{day}', 'day', [{actor}], "
        f"'{event}', '{mode}', {context}, [{recipient}], '{cameo}', {quad}, {intensity}, "
        f"{str(asserted).lower()}, {modality}, {reported_by}, {location}, {SPANS}, 0.9, "
        "'redline 0.1.0')"
    )


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "redline.duckdb"
    con = connect(path)
    con.execute("""
        INSERT INTO documents (doc_key, id, title, date, url, source, origin, text_hash,
                               n_sentences, n_events, n_commitments, ingested_at, coder, run_id)
        VALUES ('id:doc1', 'doc1', 'Putin warns Seoul', DATE '2024-06-20',
                'https://example.org/putin-warns', 'Reuters', 'news.jsonl:1', 'h1', 6, 2, 1,
                TIMESTAMP '2024-06-21 08:30:05', 'redline 0.1.0', 'run1'),
               ('id:doc2', 'doc2', 'Aid and appeals', DATE '2024-07-02', NULL, 'AP',
                'news.jsonl:2', 'h2', 5, 3, 0, TIMESTAMP '2024-07-03 09:00:00',
                'redline 0.1.0', 'run1')
    """)
    rows = [
        _event(E_THREAT, "doc1", 0, "2024-06-20", PUTIN, "THREATEN", "", "['military']", SEOUL,
               "130", 3, -4.0, True, "[]", "NULL", "{'country': 'VNM', 'place': 'Vietnam'}",
               "Vladimir Putin warned Seoul during his visit to Vietnam."),
        _event(E_ACCUSE, "doc1", 2, "2024-06-20", KOREA, "ACCUSE", "", "[]", RUSSIA, "111", 3,
               -2.0, True, "[]", "NULL", "NULL", "South Korea condemned Russia."),
        _event(E_AID, "doc2", 1, "2024-07-01", WEST, "AID", "", "['military']", UKRAINE, "072",
               2, 8.3, False, "['intended']", KOREA, "NULL",
               "Western allies plan to send weapons to Ukraine, South Korea said."),
        _event(E_REQUEST, "doc2", 3, "2024-07-02", UN, "REQUEST", "", "[]", SYRIA, "100", 3,
               -5.0, True, "[]", "NULL", "{'country': 'SYR', 'place': 'Damascus'}",
               "The UN demanded that Damascus open the border crossings."),
        _event(E_THREAT2, "doc2", 0, "2024-06-20", PUTIN, "THREATEN", "", "['military']",
               SEOUL, "130", 3, -4.0, True, "[]", "NULL",
               "{'country': 'VNM', 'place': 'Vietnam'}", "Putin warned Seoul\ton Thursday."),
    ]
    con.execute("INSERT INTO events VALUES " + ", ".join(rows))
    trigger = f"{{'actor': [{KOREA}], 'event': 'AID', 'mode': 'weapons', 'recipient': [{UKRAINE}]}}"
    response = f"{{'actor': [{RUSSIA}], 'event': 'AID', 'mode': 'weapons', 'recipient': [{PRK}]}}"
    con.execute(f"""
        INSERT INTO commitments VALUES ('c0ffee0000000001', 'id:doc1', 'doc1', 4, 'threat',
            [{PUTIN}], {trigger}, {response},
            'If Seoul arms Kiev, Russia will arm Pyongyang.', DATE '2024-06-20')
    """)
    con.execute(f"""
        INSERT INTO event_clusters VALUES ('k1', DATE '2024-06-20', ['RUS'], ['KOR'], 'THREATEN',
            '', 'VNM', true, 2, 2, 2, TIMESTAMP '2024-06-21 08:30:05',
            TIMESTAMP '2024-07-03 09:00:00', ['{E_THREAT}', '{E_THREAT2}'])
    """)
    con.execute("""
        INSERT INTO runs VALUES ('run1', TIMESTAMP '2024-07-03 08:59:00',
            TIMESTAMP '2024-07-03 09:01:00', 'ok', 'spacy', '["ingest", "news.jsonl"]',
            2, 0, 0, 0, 5, 1, [])
    """)
    con.close()
    return path


@pytest.fixture()
def con(store: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    c = connect(store, read_only=True)
    yield c
    c.close()


def _text(con: duckdb.DuckDBPyConnection, fmt: str,
          flt: ExportFilter = NO_FILTER) -> tuple[int, str]:
    buf = io.StringIO()
    n = export(con, fmt, None, flt, stream=buf)
    return n, buf.getvalue()


def _gdelt_rows(text: str) -> list[dict[str, str]]:
    rows = [line.split("\t") for line in text.splitlines()]
    for row in rows:
        assert len(row) == 61
    return [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in rows]


# -- GDELT -----------------------------------------------------------------------------------


def test_gdelt_columns_are_the_gdelt_2_event_table() -> None:
    assert list(GDELT_COLUMNS) == GDELT_EXPECTED
    assert len(GDELT_COLUMNS) == 61


def test_gdelt_rows(con: duckdb.DuckDBPyConnection) -> None:
    n, text = _text(con, "gdelt")
    assert n == ALL_EVENTS - 1  # by default only the asserted events: not E_AID
    assert not text.startswith("GLOBALEVENTID")  # GDELT files have no header line
    rows = {r["GLOBALEVENTID"]: r for r in _gdelt_rows(text)}
    assert len(rows) == ALL_EVENTS - 1
    assert str(int(E_AID[:15], 16)) not in rows

    threat = rows[str(int(E_THREAT[:15], 16))]
    assert threat["SQLDATE"] == "20240620"
    assert threat["MonthYear"] == "202406"
    assert threat["Year"] == "2024"
    assert threat["FractionDate"] == f"{2024 + (5 * 30 + 20) / 365:.4f}"  # GDELT's own
    assert threat["Actor1Code"] == "RUSGOV"
    assert threat["Actor1Name"] == "Vladimir Putin"
    assert threat["Actor1CountryCode"] == "RUS"
    assert threat["Actor1Type1Code"] == "GOV"
    assert threat["Actor2Code"] == "KOR"
    assert threat["Actor2CountryCode"] == "KOR"
    assert threat["IsRootEvent"] == "1"
    assert (threat["EventCode"], threat["EventBaseCode"], threat["EventRootCode"]) == (
        "130", "130", "13")
    assert threat["QuadClass"] == "3"
    assert threat["GoldsteinScale"] == "-4.4"  # CAMEO 130's Goldstein value, not intensity
    assert (threat["NumMentions"], threat["NumSources"], threat["NumArticles"]) == ("2", "2", "2")
    assert threat["AvgTone"] == ""
    # an unresolved place in a known country: country level, FIPS 10-4 codes, the centroid
    assert threat["ActionGeo_Type"] == "1"
    assert threat["ActionGeo_CountryCode"] == "VM"
    assert threat["ActionGeo_FullName"] == "Vietnam"
    assert threat["ActionGeo_FeatureID"] == "VM"
    assert (threat["ActionGeo_Lat"], threat["ActionGeo_Long"]) == ("16.1667", "107.8333")
    assert threat["Actor1Geo_Type"] == "1" and threat["Actor1Geo_CountryCode"] == "RS"
    assert threat["Actor2Geo_FullName"] == "South Korea"
    assert threat["DATEADDED"] == "20240621083005"
    assert threat["SOURCEURL"] == "https://example.org/putin-warns"

    request = rows[str(int(E_REQUEST[:15], 16))]
    assert request["Actor1Code"] == "IGOUNO"
    assert request["Actor1CountryCode"] == ""
    assert request["Actor1KnownGroupCode"] == "UNO"
    assert request["Actor1Type1Code"] == "IGO"
    assert request["Actor1Geo_Type"] == "0"  # an IGO has no country
    assert request["Actor2Code"] == "SYRGOV"
    assert request["Actor2Type1Code"] == "GOV"


def test_gdelt_all_adds_the_asserted_column(con: duckdb.DuckDBPyConnection) -> None:
    n, text = _text(con, "gdelt", ExportFilter(asserted_only=False))
    assert n == ALL_EVENTS
    rows = [line.split("\t") for line in text.splitlines()]
    assert {len(r) for r in rows} == {62}
    by_id = {r[0]: dict(zip(GDELT_ALL_COLUMNS, r, strict=True)) for r in rows}
    aid = by_id[str(int(E_AID[:15], 16))]
    assert aid["Asserted"] == "0"
    assert by_id[str(int(E_THREAT[:15], 16))]["Asserted"] == "1"
    assert (aid["EventCode"], aid["EventBaseCode"], aid["EventRootCode"]) == ("072", "072", "07")
    assert aid["Actor1Code"] == "WST"
    assert aid["Actor1CountryCode"] == ""  # WST is not a country
    assert aid["QuadClass"] == "2"
    assert aid["GoldsteinScale"] == "8.3"
    assert (aid["NumMentions"], aid["NumSources"], aid["NumArticles"]) == ("1", "1", "1")
    assert aid["IsRootEvent"] == "0"
    assert aid["ActionGeo_Type"] == "0" and aid["ActionGeo_CountryCode"] == ""
    assert aid["SOURCEURL"] == "doc2"  # no url: the document id


def test_gdelt_values_never_break_the_row(con: duckdb.DuckDBPyConnection) -> None:
    # E_THREAT2's sentence holds a tab; it is not a GDELT column, and no value may add one
    _, text = _text(con, "gdelt")
    assert all(len(line.split("\t")) == 61 for line in text.splitlines())


# -- PLOVER JSONL ----------------------------------------------------------------------------


def test_plover_jsonl(con: duckdb.DuckDBPyConnection) -> None:
    n, text = _text(con, "plover-jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    assert n == len(records) == ALL_EVENTS
    by_id = {r["id"]: r for r in records}
    threat = by_id[E_THREAT]
    assert threat["date"] == "2024-06-20"
    assert "source" not in threat  # draft 0.8's name for the actors
    assert threat["actor"] == [{"code": "RUS", "sector": "GOV", "entity_text": "Vladimir Putin",
                                "identifier_text": "Vladimir Putin"}]
    assert threat["recipient"] == [{"code": "KOR", "entity_text": "Seoul",
                                    "identifier_text": "South Korea"}]
    assert threat["event"] == ["THREATEN"]
    assert threat["context"] == ["military"]
    assert "mode" not in threat  # empty: omitted, not invented
    assert threat["quad_code"] == 3
    assert threat["event_scale"] == -4.0
    # unresolved: the text's words and the country (alpha-3) only, never a point
    assert threat["event_loc"] == {"extracted_place": "Vietnam", "country_code": "VNM"}
    assert "place" not in threat["redline"]  # the words are extracted_place now
    assert threat["link"] == "k1"
    assert threat["text"].startswith("Vladimir Putin warned Seoul")
    assert threat["text_info"] == {"sequence": 0}
    assert threat["cite_info"] == {"citation": "doc1", "url": "https://example.org/putin-warns",
                                   "title": "Putin warns Seoul", "publication": "Reuters",
                                   "language": "en"}
    assert threat["coder"] == "redline 0.1.0"
    assert threat["coded_date"] == "2024-06-21"
    assert threat["coded_time"] == "08:30:05"
    assert threat["redline"]["asserted"] is True
    assert threat["redline"]["cameo"] == "130"
    assert threat["redline"]["num_mentions"] == 2

    aid = by_id[E_AID]
    assert aid["redline"]["asserted"] is False
    assert aid["redline"]["modality"] == ["intended"]
    assert aid["redline"]["reported_by"]["code"] == "KOR"
    assert "event_loc" not in aid and "link" not in aid
    assert "url" not in aid["cite_info"]

    request = by_id[E_REQUEST]
    assert request["actor"][0]["code"] == "UNO"  # PLOVER's code for IGOUNO
    assert request["redline"]["actor_codes"] == ["IGOUNO"]


# -- POLECAT ---------------------------------------------------------------------------------


def test_polecat(con: duckdb.DuckDBPyConnection) -> None:
    n, text = _text(con, "polecat")
    lines = text.splitlines()
    assert n == ALL_EVENTS - 1 and len(lines) == ALL_EVENTS  # asserted only: not E_AID
    header = lines[0].split("\t")
    assert header == list(POLECAT_COLUMNS)
    assert len(header) == 44
    assert header[-4:] == ["Headline", "Event Text", "Feed", "Story ID"]
    assert header[:7] == ["Event ID", "Event Date", "Event Type", "Event Mode",
                          "Event Intensity", "Quad Code", "Contexts"]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    threat = next(r for r in rows if r["Event ID"] == E_THREAT)
    assert threat["Event Date"] == "2024-06-20"
    assert threat["Event Type"] == "THREATEN"
    assert threat["Event Intensity"] == "-4"
    assert threat["Quad Code"] == "VERBAL CONFLICT"
    assert threat["Contexts"] == "military"
    assert threat["Actor Name"] == "Vladimir Putin"
    assert threat["Actor Country"] == "RUS"
    assert threat["Primary Actor Sector"] == "GOV"
    assert threat["Actor Name Raw"] == "Vladimir Putin"
    assert threat["Recipient Name"] == "South Korea"
    assert threat["Recipient Country"] == "KOR"
    assert threat["Recipient Name Raw"] == "Seoul"
    assert threat["Actor COW"] == "365"  # Russia's Correlates of War number
    assert threat["Recipient COW"] == "732"
    assert threat["Placename"] == "Vietnam"
    assert threat["Raw Placename"] == "Vietnam"
    assert threat["Country"] == "VNM"
    assert threat["Source"] == "Reuters"
    assert threat["Publication Date"] == "2024-06-20"
    assert threat["Version"] == "redline 0.1.0"
    assert threat["Headline"] == "Putin warns Seoul"
    assert threat["Story ID"] == "doc1"
    assert threat["Event Text"].startswith("Vladimir Putin warned Seoul")
    for empty in ("Wikipedia Actor ID", "Latitude", "GeoNames ID", "Story People", "Feed",
                  "Event Mode"):
        assert threat[empty] == "None"  # POLECAT's missing value
    request = next(r for r in rows if r["Event ID"] == E_REQUEST)
    assert request["Actor Country"] == "UNO" and request["Actor COW"] == "None"
    assert not any(r["Event ID"] == E_AID for r in rows)
    _, everything = _text(con, "polecat", ExportFilter(asserted_only=False))
    lines = everything.splitlines()
    assert lines[0].split("\t") == [*POLECAT_COLUMNS, "Asserted"]
    aid = next(dict(zip(lines[0].split("\t"), line.split("\t"), strict=True))
               for line in lines[1:] if line.startswith(E_AID))
    assert aid["Quad Code"] == "MATERIAL COOPERATION"
    assert aid["Asserted"] == "0"


# -- CSV -------------------------------------------------------------------------------------


def test_csv_to_stream(con: duckdb.DuckDBPyConnection) -> None:
    n, text = _text(con, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == len(rows) == ALL_EVENTS
    assert list(rows[0].keys()) == list(EVENT_CSV_COLUMNS)
    threat = next(r for r in rows if r["id"] == E_THREAT)
    assert threat["actor"] == "RUS" and threat["actor_sector"] == "GOV"
    assert threat["recipient"] == "KOR" and threat["recipient_name"] == "South Korea"
    assert threat["location_country"] == "VNM" and threat["cameo"] == "130"
    assert threat["sentence"].startswith("Vladimir Putin")


def test_csv_to_directory_writes_three_tables(con: duckdb.DuckDBPyConnection,
                                              tmp_path: Path) -> None:
    folder = tmp_path / "out"
    n = export(con, "csv", str(folder) + "/")
    assert n == ALL_EVENTS
    assert sorted(p.name for p in folder.iterdir()) == [
        "commitments.csv", "documents.csv", "events.csv"]
    with open(folder / "events.csv", newline="", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == ALL_EVENTS
    with open(folder / "commitments.csv", newline="", encoding="utf-8") as f:
        commitments = list(csv.DictReader(f))
    assert list(commitments[0].keys()) == list(COMMITMENT_CSV_COLUMNS)
    assert commitments[0]["trigger_event"] == "AID"
    assert commitments[0]["response_recipient"] == "PRK"
    with open(folder / "documents.csv", newline="", encoding="utf-8") as f:
        documents = list(csv.DictReader(f))
    assert list(documents[0].keys()) == list(DOCUMENT_CSV_COLUMNS)
    assert len(documents) == 2


def test_csv_to_file_writes_events_only(con: duckdb.DuckDBPyConnection,
                                        tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    assert export(con, "csv", target) == ALL_EVENTS
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".csv"] == ["events.csv"]


def test_text_format_to_a_directory_uses_a_default_name(con: duckdb.DuckDBPyConnection,
                                                        tmp_path: Path) -> None:
    assert export(con, "plover-jsonl", tmp_path) == ALL_EVENTS
    assert len((tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()) == 5


# -- Parquet ---------------------------------------------------------------------------------


def test_parquet_writes_one_file_per_table(con: duckdb.DuckDBPyConnection,
                                           tmp_path: Path) -> None:
    folder = tmp_path / "parquet" / "nested"
    assert export(con, "parquet", folder) == ALL_EVENTS
    counts = {p.stem: pq.read_table(p).num_rows for p in folder.glob("*.parquet")}
    assert counts == {"documents": 2, "events": 5, "commitments": 1, "event_clusters": 1,
                      "runs": 1}
    events = pq.read_table(folder / "events.parquet")
    assert events.column("actor").to_pylist()[0][0]["code"] in {"RUS", "KOR", "WST", "IGOUNO"}
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temp files left


def test_parquet_with_a_filter(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    n = export(con, "parquet", tmp_path, ExportFilter(actor="UKR"))
    assert n == 1
    counts = {p.stem: pq.read_table(p).num_rows for p in tmp_path.glob("*.parquet")}
    # the AID event (doc2); the commitment whose trigger names UKR (doc1)
    assert counts == {"documents": 2, "events": 1, "commitments": 1, "event_clusters": 0,
                      "runs": 1}
    n = export(con, "parquet", tmp_path, ExportFilter(event_type="THREATEN"))
    assert n == 2
    assert pq.read_table(tmp_path / "event_clusters.parquet").num_rows == 1
    assert pq.read_table(tmp_path / "commitments.parquet").num_rows == 0
    assert pq.read_table(tmp_path / "documents.parquet").num_rows == 2


def test_parquet_needs_out(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="parquet export needs --out DIR"):
        export(con, "parquet", None)


def test_parquet_out_must_not_be_a_file(con: duckdb.DuckDBPyConnection,
                                        tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(ValueError, match="not a directory"):
        export(con, "parquet", target)


# -- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("flt", "expected"), [
    (ExportFilter(), {E_THREAT, E_ACCUSE, E_AID, E_REQUEST, E_THREAT2}),
    (ExportFilter(since=date(2024, 7, 1)), {E_AID, E_REQUEST}),
    (ExportFilter(until=date(2024, 6, 30)), {E_THREAT, E_ACCUSE, E_THREAT2}),
    (ExportFilter(since=date(2024, 7, 1), until=date(2024, 7, 1)), {E_AID}),
    (ExportFilter(actor="RUS"), {E_THREAT, E_ACCUSE, E_THREAT2}),  # actor or recipient
    (ExportFilter(actor="kor"), {E_THREAT, E_ACCUSE, E_THREAT2}),
    (ExportFilter(actor="IGOUNO"), {E_REQUEST}),
    (ExportFilter(actor="SYR"), {E_REQUEST}),
    (ExportFilter(actor="FRA"), set()),
    (ExportFilter(event_type="THREATEN"), {E_THREAT, E_THREAT2}),
    (ExportFilter(event_type="assault"), set()),
    (ExportFilter(actor="RUS", event_type="ACCUSE"), {E_ACCUSE}),
    (ExportFilter(asserted_only=True), {E_THREAT, E_ACCUSE, E_REQUEST, E_THREAT2}),
    (ExportFilter(asserted_only=True, actor="UKR"), set()),  # the aid is only intended
    (ExportFilter(min_confidence=0.9), {E_THREAT, E_ACCUSE, E_AID, E_REQUEST, E_THREAT2}),
    (ExportFilter(min_confidence=0.91), set()),
])
def test_filters(con: duckdb.DuckDBPyConnection, flt: ExportFilter, expected: set[str]) -> None:
    n, text = _text(con, "plover-jsonl", flt)
    assert n == len(expected)
    assert {json.loads(line)["id"] for line in text.splitlines()} == expected
    # gdelt writes the asserted events by default: as plover-jsonl with the filter's choice
    n_gdelt, gdelt = _text(con, "gdelt", replace(flt, asserted_only=bool(flt.asserted_only)))
    assert n_gdelt == len(gdelt.splitlines()) == len(expected)


def test_filters_apply_to_commitments_and_documents(con: duckdb.DuckDBPyConnection,
                                                    tmp_path: Path) -> None:
    def exported(flt: ExportFilter) -> tuple[int, int, int]:
        folder = tmp_path / "x"
        n = export(con, "csv", str(folder) + "/", flt)
        sizes = []
        for name in ("commitments.csv", "documents.csv"):
            with open(folder / name, newline="", encoding="utf-8") as f:
                sizes.append(len(list(csv.DictReader(f))))
        return n, sizes[0], sizes[1]

    assert exported(ExportFilter(since=date(2024, 7, 1))) == (2, 0, 1)
    assert exported(ExportFilter(actor="PRK")) == (0, 1, 1)  # the response's recipient
    assert exported(ExportFilter(event_type="AID")) == (1, 1, 2)  # the trigger's type
    assert exported(ExportFilter(actor="IGOUNO")) == (1, 0, 1)


def test_min_confidence_keeps_the_confident_events_and_their_documents(
        store: Path, tmp_path: Path) -> None:
    writer = connect(store)
    writer.execute("UPDATE events SET confidence = 0.5 WHERE doc_key = 'id:doc1'")
    writer.close()
    con = connect(store, read_only=True)
    try:
        n, text = _text(con, "plover-jsonl", ExportFilter(min_confidence=0.6))
        assert {json.loads(line)["id"] for line in text.splitlines()} == {
            E_AID, E_REQUEST, E_THREAT2}
        folder = tmp_path / "csv"
        export(con, "csv", str(folder) + "/", ExportFilter(min_confidence=0.6,
                                                           asserted_only=True))
        with open(folder / "events.csv", newline="", encoding="utf-8") as f:
            assert {r["id"] for r in csv.DictReader(f)} == {E_REQUEST, E_THREAT2}
        with open(folder / "documents.csv", newline="", encoding="utf-8") as f:
            # doc1 keeps its commitment (commitments are not events: no confidence)
            assert {r["id"] for r in csv.DictReader(f)} == {"doc1", "doc2"}
    finally:
        con.close()


def test_export_command_filters_and_refuses_a_bad_confidence(store: Path) -> None:
    result = run_cli("export", "--db", str(store), "--format", "plover-jsonl",
                     "--asserted-only")
    assert result.returncode == 0, result.stderr
    ids = {json.loads(line)["id"] for line in result.stdout.decode().splitlines()}
    assert ids == {E_THREAT, E_ACCUSE, E_REQUEST, E_THREAT2}
    bad = run_cli("export", "--db", str(store), "--format", "gdelt", "--min-confidence", "2")
    assert bad.returncode != 0 and bad.stdout == b""
    assert bad.stderr.decode().strip().splitlines() == [
        "error: --min-confidence 2.0 is not between 0 and 1"]


def test_since_after_until_is_an_error(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="after"):
        export(con, "gdelt", None, ExportFilter(since=date(2024, 7, 2), until=date(2024, 7, 1)),
               stream=io.StringIO())


def test_unknown_format(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(con, "xml", None, stream=io.StringIO())
    assert "parquet" in FORMATS


# -- atomic writing --------------------------------------------------------------------------


def test_failed_export_leaves_no_file(con: duckdb.DuckDBPyConnection, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real = gdelt_module.gdelt_rows

    def failing(row: dict[str, object], marked: bool = False) -> list[list[str]]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(row, marked)

    monkeypatch.setattr(gdelt_module, "gdelt_rows", failing)
    target = tmp_path / "out" / "events.tsv"
    with pytest.raises(RuntimeError, match="disk on fire"):
        export(con, "gdelt", target)
    assert calls["n"] == 3  # it failed half way through
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # the temporary file is gone too


def test_failed_export_keeps_the_previous_file(con: duckdb.DuckDBPyConnection, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "events.jsonl"
    target.write_text("previous\n", encoding="utf-8")

    def failing(row: dict[str, object]) -> dict[str, object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(plover_module, "plover_record", failing)
    with pytest.raises(RuntimeError):
        export(con, "plover-jsonl", target)
    assert target.read_text(encoding="utf-8") == "previous\n"


def test_failed_directory_export_leaves_no_files(con: duckdb.DuckDBPyConnection,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real = tables_module.csv_row

    def failing(row: dict[str, Any], columns: Sequence[Field]) -> dict[str, Any]:
        if columns is tables_module.DOCUMENT_FIELDS:  # documents.csv, the last file
            raise RuntimeError("boom")
        return real(row, columns)

    monkeypatch.setattr(tables_module, "csv_row", failing)
    folder = tmp_path / "csv"
    with pytest.raises(RuntimeError):
        export(con, "csv", str(folder) + "/")
    assert list(folder.iterdir()) == []  # events.csv and commitments.csv were not kept


def test_unwritable_target_leaves_no_file(con: duckdb.DuckDBPyConnection,
                                          tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(OSError):
        export(con, "gdelt", blocker / "events.tsv")
    assert blocker.read_text() == "x"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root ignores directory permissions")
def test_read_only_directory_leaves_no_file(con: duckdb.DuckDBPyConnection,
                                            tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OSError):
            export(con, "polecat", folder / "events.tsv")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
