"""Round trips: each export read back by its consumer's own conventions, field by field.

A small store (compound actors, a hypothetical event, dates of year and month precision,
places resolved to a US city, a world city, a first-order division and a country, a place
that could not be resolved, an event with no actor and no place) is exported as GDELT 2.0
rows and read with pandas under GDELT's 61 official column names and the dtypes a GDELT
script gives them; as POLECAT TSV and read by its header with POLECAT's ``None``; as PLOVER
JSON lines, every record validated against the shipped JSON Schema.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pandas as pd
import pytest

import redline.export as export_package
from redline.export import ExportFilter, export
from redline.export.gdelt import fraction_date
from redline.export.plover import location_object, schema
from redline.export.polecat import POLECAT_COLUMNS
from redline.export.registry import event_format
from redline.export.values import plover_code, utc
from redline.store.schema import connect
from tests.helpers import insert_events

# GDELT 2.0's event table as GDELT's own column header file names it, and the types a GDELT
# script reads the columns as (codes are strings: "042" keeps its zero)
GDELT_NAMES = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
    "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_NAMES) == 61
_INTS = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
         "NumMentions", "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type",
         "ActionGeo_Type", "DATEADDED"}
_FLOATS = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long",
           "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"}
GDELT_DTYPES = {name: "int64" if name in _INTS else "float64" if name in _FLOATS else "str"
                for name in GDELT_NAMES}

E_COMPOUND = "c0c0c0c0c0c0c0c0"  # FRA GOV + DEU -> RUS + IRN, DISAPPROVE in Kyiv
E_HYPOTHETICAL = "aaaa0000aaaa0000"  # USA -> CHN, THREATEN, hypothetical, in Washington
E_YEAR = "bbbb1111bbbb1111"  # IGOUNO -> SYR GOV, AID in 2023, at an unresolved place
E_MONTH = "cccc2222cccc2222"  # KOR -> PRK, AGREE in February 2024, in Punjab
E_NOBODY = "dddd3333dddd3333"  # no actor, no recipient, a place without a country
E_COUNTRY = "eeee4444eeee4444"  # VNM -> USA, CONSULT, in Vietnam (a country)


def _actor(text: str, code: str, name: str, sector: str = "") -> dict[str, Any]:
    return {"text": text, "code": code, "sector": sector, "name": name}


def _place(country: str, place: str, name: str = "", feature: str = "", adm1: str = "",
           adm1_code: str = "", fips: str = "", lat: float | None = None,
           lon: float | None = None, geonameid: int | None = None,
           unresolved: str = "") -> dict[str, Any]:
    return {"country": country, "place": place, "name": name, "feature": feature, "adm1": adm1,
            "adm1_code": adm1_code, "fips": fips, "lat": lat, "lon": lon,
            "geonameid": geonameid, "found_by": "place phrase", "unresolved": unresolved}


KYIV = _place("UKR", "Kyiv", "Kyiv", "city", "Kyiv City", "UP12", "UP", 50.4547, 30.5238, 703448)
WASHINGTON = _place("USA", "Washington", "Washington", "city", "District of Columbia", "USDC",
                    "US", 38.8951, -77.0364, 4140963)
COUNTRYSIDE = _place("SYR", "the northern countryside", unresolved="no gazetteer entry")
PUNJAB = _place("IND", "Punjab", "Punjab", "adm1", "Punjab", "IN23", "IN", 31.0, 75.5, 1259223)
BORDER = _place("", "the border", unresolved="no country")
VIETNAM = _place("VNM", "Vietnam", "Vietnam", "country", fips="VM", lat=16.1667, lon=107.8333,
                 geonameid=1562822)


def _event(eid: str, doc: str, idx: int, day: date, precision: str,
           actor: list[dict[str, Any]], event: str, mode: str, recipient: list[dict[str, Any]],
           cameo: str, quad: int, intensity: float, asserted: bool, modality: list[str],
           location: dict[str, Any] | None, sentence: str) -> dict[str, Any]:
    return {"id": eid, "doc_key": f"id:{doc}", "doc_id": doc, "sentence_index": idx,
            "sentence": sentence, "date": day, "date_precision": precision, "actor": actor,
            "event": event, "mode": mode, "context": ["diplomatic"] if quad == 1 else [],
            "recipient": recipient, "cameo": cameo, "quad": quad, "intensity": intensity,
            "asserted": asserted, "modality": modality, "reported_by": None,
            "location": location, "confidence": 0.8, "coder": "redline 0.2.0"}


EVENTS = [
    _event(E_COMPOUND, "doc1", 0, date(2024, 3, 15), "day",
           [_actor("Paris", "FRA", "France", "GOV"), _actor("Berlin", "DEU", "Germany")],
           "DISAPPROVE", "", [_actor("Moscow", "RUS", "Russia"), _actor("Tehran", "IRN", "Iran")],
           "111", 3, -2.0, True, [], KYIV,
           "Paris and Berlin condemned Moscow and Tehran in Kyiv."),
    _event(E_HYPOTHETICAL, "doc1", 1, date(2024, 3, 15), "day",
           [_actor("Washington", "USA", "United States", "GOV")], "THREATEN", "",
           [_actor("Beijing", "CHN", "China", "GOV")], "130", 3, -4.4, False, ["hypothetical"],
           WASHINGTON, "Washington could threaten Beijing."),
    _event(E_YEAR, "doc2", 2, date(2023, 1, 1), "year",
           [_actor("the UN", "IGOUNO", "United Nations")], "AID", "",
           [_actor("Damascus", "SYR", "Syria", "GOV")], "070", 2, 7.0, True, [], COUNTRYSIDE,
           "In 2023 the UN sent aid to Damascus in the northern countryside."),
    _event(E_MONTH, "doc2", 3, date(2024, 2, 1), "month",
           [_actor("Seoul", "KOR", "South Korea")], "AGREE", "",
           [_actor("Pyongyang", "PRK", "North Korea")], "036", 1, 4.0, True, [], PUNJAB,
           "In February Seoul agreed to meet Pyongyang in Punjab."),
    _event(E_NOBODY, "doc2", 4, date(2024, 2, 3), "day", [], "PROTEST", "demonstrate", [],
           "141", 4, -6.5, True, [], BORDER,
           '"Enough," thousands chanted as they protested at the border.'),
    _event(E_COUNTRY, "doc2", 5, date(2024, 2, 4), "day",
           [_actor("Hanoi", "VNM", "Vietnam", "GOV")], "CONSULT", "visit",
           [_actor("Washington", "USA", "United States", "GOV")], "042", 1, 1.9, True, [],
           VIETNAM, "Vietnamese officials visited Washington in Vietnam."),
]
ASSERTED = [e for e in EVENTS if e["asserted"]]


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path_factory.mktemp("roundtrip") / "redline.duckdb"
    writer = connect(path)
    writer.execute("""
        INSERT INTO documents (doc_key, id, title, date, url, source, origin, text_hash,
                               n_sentences, n_events, n_commitments, ingested_at, coder, run_id)
        VALUES ('id:doc1', 'doc1', 'Paris and Berlin condemn', DATE '2024-03-15',
                'https://example.org/condemn', 'Reuters', 'a.jsonl:1', 'h1', 2, 2, 0,
                TIMESTAMP '2024-03-16 10:20:30', 'redline 0.2.0', 'run1'),
               ('id:doc2', 'doc2', 'Aid, talks and protests', DATE '2024-02-05', NULL, 'AP',
                'a.jsonl:2', 'h2', 6, 4, 0, TIMESTAMP '2024-02-06 23:59:59', 'redline 0.2.0',
                'run1')
    """)
    insert_events(writer, EVENTS)
    writer.close()
    reader = connect(path, read_only=True)
    yield reader
    reader.close()


def _export(con: duckdb.DuckDBPyConnection, fmt: str, flt: ExportFilter | None = None) -> str:
    buf = io.StringIO()
    export(con, fmt, None, flt or ExportFilter(), stream=buf)
    return buf.getvalue()


def _read_gdelt(text: str, names: list[str]) -> pd.DataFrame:
    dtypes = {**GDELT_DTYPES, "Asserted": "int64"}
    return pd.read_csv(io.StringIO(text), sep="\t", header=None, names=names,
                       dtype={n: dtypes[n] for n in names})


# -- GDELT 2.0 -------------------------------------------------------------------------------


def test_gdelt_reads_back_with_gdelts_names_and_types(con: duckdb.DuckDBPyConnection) -> None:
    text = _export(con, "gdelt")
    assert {len(line.split("\t")) for line in text.splitlines()} == {61}
    df = _read_gdelt(text, GDELT_NAMES)
    # asserted events only; the compound event is 2 actors x 2 recipients = 4 rows
    assert len(df) == 4 + 1 + 1 + 1 + 1
    assert df["GLOBALEVENTID"].is_unique
    assert str(df["SQLDATE"].dtype) == "int64" and str(df["FractionDate"].dtype) == "float64"

    compound = df[df["EventCode"] == "111"]
    assert list(zip(compound["Actor1Code"], compound["Actor2Code"], strict=True)) == [
        ("FRAGOV", "RUS"), ("FRAGOV", "IRN"), ("DEU", "RUS"), ("DEU", "IRN")]
    assert compound["GLOBALEVENTID"].iloc[0] == int(E_COMPOUND[:15], 16)
    first = compound.iloc[0]
    assert (first["SQLDATE"], first["MonthYear"], first["Year"]) == (20240315, 202403, 2024)
    assert first["FractionDate"] == pytest.approx(2024 + (2 * 30 + 15) / 365, abs=1e-4)
    assert first["IsRootEvent"] == 1
    assert (first["EventBaseCode"], first["EventRootCode"]) == ("111", "11")
    assert first["QuadClass"] == 3 and first["GoldsteinScale"] == -2.0
    assert (first["NumMentions"], first["NumSources"], first["NumArticles"]) == (1, 1, 1)
    assert pd.isna(first["AvgTone"])
    assert first["DATEADDED"] == 20240316102030  # UTC, as stored
    # a world city: type 4, "City, ADM1, Country", FIPS codes, the GeoNames id
    assert first["ActionGeo_Type"] == 4
    assert first["ActionGeo_FullName"] == "Kyiv, Kyiv City, Ukraine"
    assert first["ActionGeo_CountryCode"] == "UP"
    assert first["ActionGeo_ADM1Code"] == "UP12"
    assert (first["ActionGeo_Lat"], first["ActionGeo_Long"]) == (50.4547, 30.5238)
    assert first["ActionGeo_FeatureID"] == "703448"
    # the actors' countries: type 1, FIPS code, name, centroid, FIPS as FeatureID
    assert (first["Actor1Geo_Type"], first["Actor1Geo_CountryCode"],
            first["Actor1Geo_FullName"], first["Actor1Geo_FeatureID"]) == (
        1, "FR", "France", "FR")
    assert (first["Actor1Geo_Lat"], first["Actor1Geo_Long"]) == (46.0, 2.0)
    assert compound.iloc[3]["Actor1Geo_CountryCode"] == "GM"
    assert compound.iloc[3]["Actor2Geo_CountryCode"] == "IR"
    assert first["Actor1CountryCode"] == "FRA" and first["Actor1Type1Code"] == "GOV"

    year = df[df["EventCode"] == "070"].iloc[0]
    # a date of year precision: the first day of the year, as GDELT writes a full date
    assert (year["SQLDATE"], year["MonthYear"], year["Year"]) == (20230101, 202301, 2023)
    assert year["FractionDate"] == pytest.approx(2023.0027, abs=1e-4)
    assert year["SOURCEURL"] == "doc2" and year["DATEADDED"] == 20240206235959
    assert year["IsRootEvent"] == 0
    assert (year["Actor1Code"], year["Actor1KnownGroupCode"], year["Actor1Type1Code"]) == (
        "IGOUNO", "UNO", "IGO")
    assert year["Actor1Geo_Type"] == 0 and pd.isna(year["Actor1Geo_CountryCode"])
    # an unresolved place in a known country: country level, the country's centroid
    assert (year["ActionGeo_Type"], year["ActionGeo_FullName"], year["ActionGeo_CountryCode"],
            year["ActionGeo_FeatureID"]) == (1, "Syria", "SY", "SY")
    assert year["GoldsteinScale"] == 7.0

    month = df[df["EventCode"] == "036"].iloc[0]
    assert (month["SQLDATE"], month["MonthYear"]) == (20240201, 202402)
    # a first-order division outside the US: type 5, its ADM1 code as FeatureID
    assert (month["ActionGeo_Type"], month["ActionGeo_FullName"], month["ActionGeo_ADM1Code"],
            month["ActionGeo_FeatureID"]) == (5, "Punjab, India", "IN23", "IN23")

    nobody = df[df["EventCode"] == "141"].iloc[0]
    assert pd.isna(nobody["Actor1Code"]) and pd.isna(nobody["Actor2Code"])
    assert (nobody["Actor1Geo_Type"], nobody["Actor2Geo_Type"], nobody["ActionGeo_Type"]) == (
        0, 0, 0)
    assert pd.isna(nobody["ActionGeo_FullName"]) and pd.isna(nobody["ActionGeo_Lat"])

    visit = df[df["EventCode"] == "042"].iloc[0]
    assert visit["EventCode"] == "042" and visit["EventRootCode"] == "04"
    assert (visit["ActionGeo_Type"], visit["ActionGeo_FullName"], visit["ActionGeo_ADM1Code"],
            visit["ActionGeo_Lat"], visit["ActionGeo_FeatureID"]) == (
        1, "Vietnam", "VM", 16.1667, "VM")


def test_gdelt_all_marks_the_events_that_did_not_happen(
        con: duckdb.DuckDBPyConnection) -> None:
    text = _export(con, "gdelt", ExportFilter(asserted_only=False))
    assert {len(line.split("\t")) for line in text.splitlines()} == {62}
    df = _read_gdelt(text, [*GDELT_NAMES, "Asserted"])
    assert len(df) == 9
    threat = df[df["EventCode"] == "130"].iloc[0]
    assert threat["Asserted"] == 0
    assert set(df[df["EventCode"] != "130"]["Asserted"]) == {1}
    # a US city: type 3; its ADM1 code as GDELT writes US states (USDC)
    assert (threat["ActionGeo_Type"], threat["ActionGeo_FullName"],
            threat["ActionGeo_CountryCode"], threat["ActionGeo_ADM1Code"],
            threat["ActionGeo_FeatureID"]) == (
        3, "Washington, District of Columbia, United States", "US", "USDC", "4140963")
    # the first 61 columns are the same as without --all
    plain = _read_gdelt(_export(con, "gdelt"), GDELT_NAMES)
    marked = df[df["Asserted"] == 1][GDELT_NAMES].reset_index(drop=True)
    pd.testing.assert_frame_equal(plain, marked)


def test_gdelt_fraction_date_is_gdelts() -> None:
    # rows of GDELT's own files: SQLDATE -> FractionDate
    for day, expected in ((date(1979, 1, 1), "1979.0027"), (date(2007, 7, 4), "2007.5041"),
                          (date(2016, 7, 1), "2016.4959"), (date(2017, 6, 24), "2017.4767"),
                          (date(2017, 6, 30), "2017.4932")):
        assert fraction_date(day) == expected
    assert fraction_date(date(2024, 12, 31)) < "2025"  # within the year


def test_times_are_written_in_utc() -> None:
    aware = datetime(2024, 3, 16, 12, 20, 30, tzinfo=timezone(timedelta(hours=2)))
    assert utc(aware) == datetime(2024, 3, 16, 10, 20, 30)
    naive = datetime(2024, 3, 16, 10, 20, 30)  # the store's TIMESTAMP: UTC already
    assert utc(naive) == naive
    assert utc(datetime(2024, 1, 1, tzinfo=UTC)) == datetime(2024, 1, 1)


# -- POLECAT ---------------------------------------------------------------------------------


def test_polecat_reads_back_by_its_header(con: duckdb.DuckDBPyConnection) -> None:
    text = _export(con, "polecat")
    df = pd.read_csv(io.StringIO(text), sep="\t", dtype="str", keep_default_na=False,
                     na_values=["None"])
    assert list(df.columns) == list(POLECAT_COLUMNS)
    assert list(df["Event ID"]) == [e["id"] for e in sorted(
        ASSERTED, key=lambda e: (e["date"], e["doc_key"], e["sentence_index"]))]
    by_id = df.set_index("Event ID")

    compound = by_id.loc[E_COMPOUND]
    assert compound["Event Date"] == "2024-03-15"
    assert compound["Event Type"] == "DISAPPROVE" and pd.isna(compound["Event Mode"])
    assert compound["Event Intensity"] == "-2"
    assert compound["Quad Code"] == "VERBAL CONFLICT"
    assert compound["Actor Name"] == "France; Germany"
    assert compound["Actor Country"] == "FRA; DEU"
    assert compound["Actor COW"] == "220; 255"
    assert compound["Primary Actor Sector"] == "GOV" and compound["Actor Sectors"] == "GOV"
    assert compound["Actor Name Raw"] == "Paris; Berlin"
    assert compound["Recipient Country"] == "RUS; IRN"
    assert compound["Recipient COW"] == "365; 630"
    assert pd.isna(compound["Primary Recipient Sector"])
    assert (compound["Placename"], compound["City"], compound["Province"],
            compound["Country"]) == ("Kyiv", "Kyiv", "Kyiv City", "UKR")
    assert (float(compound["Latitude"]), float(compound["Longitude"])) == (50.4547, 30.5238)
    assert compound["GeoNames ID"] == "703448" and compound["Feature Type"] == "city"
    assert compound["Raw Placename"] == "Kyiv"
    assert (compound["Source"], compound["Publication Date"]) == ("Reuters", "2024-03-15")
    assert (compound["Headline"], compound["Story ID"]) == ("Paris and Berlin condemn", "doc1")
    assert compound["Event Text"] == "Paris and Berlin condemned Moscow and Tehran in Kyiv."
    # a text opening with a quote is read back whole by pandas' defaults
    assert by_id.loc[E_NOBODY]["Event Text"] == (
        '"Enough," thousands chanted as they protested at the border.')
    assert compound["Language"] == "en" and compound["Version"] == "redline 0.2.0"
    for missing in ("Actor Title", "Wikipedia Actor ID", "District", "Story People", "Feed"):
        assert pd.isna(compound[missing])

    year = by_id.loc[E_YEAR]
    assert year["Event Date"] == "2023-01-01"  # year precision: its first day
    assert year["Actor Country"] == "UNO" and pd.isna(year["Actor COW"])
    assert year["Recipient COW"] == "652"
    # an unresolved place keeps its words and its country, and gets no point
    assert (year["Placename"], year["Raw Placename"], year["Country"]) == (
        "the northern countryside", "the northern countryside", "SYR")
    assert pd.isna(year["Latitude"]) and pd.isna(year["GeoNames ID"])
    assert pd.isna(year["City"]) and pd.isna(year["Feature Type"])
    assert year["Quad Code"] == "MATERIAL COOPERATION"

    nobody = by_id.loc[E_NOBODY]
    assert pd.isna(nobody["Actor Name"]) and pd.isna(nobody["Actor COW"])
    assert nobody["Event Mode"] == "demonstrate" and pd.isna(nobody["Country"])
    assert E_HYPOTHETICAL not in by_id.index  # not asserted: only with --all


def test_polecat_all_adds_the_asserted_column(con: duckdb.DuckDBPyConnection) -> None:
    text = _export(con, "polecat", ExportFilter(asserted_only=False))
    df = pd.read_csv(io.StringIO(text), sep="\t", dtype="str", keep_default_na=False,
                     na_values=["None"])
    assert list(df.columns) == [*POLECAT_COLUMNS, "Asserted"]
    assert dict(zip(df["Event ID"], df["Asserted"], strict=True)) == {
        e["id"]: "1" if e["asserted"] else "0" for e in EVENTS}


# -- PLOVER JSON -----------------------------------------------------------------------------


def _validator() -> jsonschema.protocols.Validator:
    spec = schema()
    jsonschema.Draft202012Validator.check_schema(spec)
    return jsonschema.Draft202012Validator(spec, format_checker=jsonschema.FormatChecker())


def test_every_plover_record_validates_against_the_shipped_schema(
        con: duckdb.DuckDBPyConnection) -> None:
    records = [json.loads(line) for line in _export(con, "plover-jsonl").splitlines()]
    assert len(records) == len(EVENTS)  # PLOVER records every event, asserted or not
    validator = _validator()
    for record in records:
        errors = [e.message for e in validator.iter_errors(record)]
        assert errors == [], (record["id"], errors)


def test_plover_records_field_by_field(con: duckdb.DuckDBPyConnection) -> None:
    records = {r["id"]: r for r in map(json.loads,
                                       _export(con, "plover-jsonl").splitlines())}
    compound = records[E_COMPOUND]
    assert compound["date"] == "2024-03-15"
    assert compound["actor"] == [
        {"code": "FRA", "sector": "GOV", "entity_text": "Paris", "identifier_text": "France"},
        {"code": "DEU", "entity_text": "Berlin", "identifier_text": "Germany"}]
    assert compound["recipient"] == [
        {"code": "RUS", "entity_text": "Moscow", "identifier_text": "Russia"},
        {"code": "IRN", "entity_text": "Tehran", "identifier_text": "Iran"}]
    assert "source" not in compound
    assert compound["event"] == ["DISAPPROVE"]
    assert compound["event_loc"] == {
        "extracted_place": "Kyiv", "resolved_place": "Kyiv", "country_code": "UKR",
        "admin1": "Kyiv City", "lat": 50.4547, "lon": 30.5238, "geonameid": 703448,
        "feature_type": "city"}
    assert "mode" not in compound  # empty: omitted, not invented
    assert compound["quad_code"] == 3 and compound["event_scale"] == -2.0
    assert compound["text_info"] == {"sequence": 0}
    assert compound["cite_info"] == {"citation": "doc1", "url": "https://example.org/condemn",
                                     "title": "Paris and Berlin condemn",
                                     "publication": "Reuters", "language": "en"}
    assert (compound["coded_date"], compound["coded_time"]) == ("2024-03-16", "10:20:30")
    assert compound["redline"]["asserted"] is True

    hypothetical = records[E_HYPOTHETICAL]
    assert hypothetical["redline"]["asserted"] is False
    assert hypothetical["redline"]["modality"] == ["hypothetical"]

    year = records[E_YEAR]
    assert year["date"] == "2023-01-01" and year["redline"]["date_precision"] == "year"
    assert year["actor"][0]["code"] == "UNO"  # PLOVER's code for the Phoenix IGOUNO
    assert year["redline"]["actor_codes"] == ["IGOUNO"]
    assert year["recipient"] == [{"code": "SYR", "sector": "GOV", "entity_text": "Damascus",
                                  "identifier_text": "Syria"}]
    # unresolved: the text's words and the country only, no point, no resolved name
    assert year["event_loc"] == {"extracted_place": "the northern countryside",
                                 "country_code": "SYR"}
    assert "place" not in year["redline"]
    assert year["redline"]["place_unresolved"] == "no gazetteer entry"
    assert year["redline"]["place_found_by"] == "place phrase"

    month = records[E_MONTH]
    assert month["redline"]["date_precision"] == "month"
    assert month["context"] == ["diplomatic"]
    assert month["event_loc"] == {
        "extracted_place": "Punjab", "resolved_place": "Punjab", "country_code": "IND",
        "admin1": "Punjab", "lat": 31.0, "lon": 75.5, "geonameid": 1259223,
        "feature_type": "adm1"}

    nobody = records[E_NOBODY]
    assert nobody["actor"] == [] and "recipient" not in nobody
    assert nobody["mode"] == ["demonstrate"]  # a list of modes, as the manual has it
    assert nobody["event_loc"] == {"extracted_place": "the border"}  # no country either
    assert nobody["redline"]["place_unresolved"] == "no country"
    assert nobody["redline"]["place_found_by"] == "place phrase"

    country = records[E_COUNTRY]
    assert country["event_loc"] == {
        "extracted_place": "Vietnam", "resolved_place": "Vietnam", "country_code": "VNM",
        "lat": 16.1667, "lon": 107.8333, "geonameid": 1562822, "feature_type": "country"}


def test_plover_location_object() -> None:
    landmark = _place("UKR", "the Maidan", "Maidan Nezalezhnosti", "landmark", "Kyiv City",
                      "UP12", "UP", 50.4501, 30.5234)
    assert location_object(landmark) == {
        "extracted_place": "the Maidan", "resolved_place": "Maidan Nezalezhnosti",
        "country_code": "UKR", "admin1": "Kyiv City", "lat": 50.4501, "lon": 30.5234,
        "feature_type": "landmark"}
    # a reason to doubt the feature: treated as unresolved, the point is never written
    doubted = {**KYIV, "unresolved": "ambiguous"}
    assert location_object(doubted) == {"extracted_place": "Kyiv", "country_code": "UKR"}
    assert location_object({}) == {}
    validator = _validator()
    for loc in (landmark, doubted, KYIV, COUNTRYSIDE, BORDER):
        record = {"id": "x", "date": "2024-03-15", "actor": [], "event": ["CONSULT"],
                  "event_loc": location_object(loc), "redline": {"asserted": True}}
        assert list(validator.iter_errors(record)) == [], loc


@pytest.mark.parametrize("broken", [
    {"mode": "visit"},  # a mode is a list
    {"event": "CONSULT"},  # so is the event
    {"date": "15/03/2024"},
    {"actor": [{"code": "IGOUNO"}]},  # not a PLOVER actor code
    {"actor": [{"code": "VNM", "actor_text": "Hanoi"}]},  # draft 0.8's name: entity_text
    {"source": [{"code": "VNM"}]},  # draft 0.8's name: the manual now calls it actor
    {"event_loc": {"cc3": "VNM", "place": "Vietnam"}},  # not location fields
    {"event_loc": {"extracted_place": "Hanoi", "latitude": 21.0245}},  # draft 0.8: lat
    {"event_loc": {"extracted_place": "Hanoi", "country code": "VN"}},  # draft 0.8
    {"event_loc": {"extracted_place": "Vietnam", "country_code": "VN"}},  # alpha-3
    {"event_loc": {"extracted_place": "the hills", "lat": 21.0, "lon": 105.8}},  # unresolved
    {"event_loc": {"resolved_place": "Hanoi", "feature_type": "town"}},  # not our feature
    {"cite_info": {"language": "English"}},  # a two-letter code
    {"quad_code": 5},
])
def test_the_schema_refuses_what_the_manual_does_not_allow(broken: dict[str, Any]) -> None:
    record = {"id": "x", "date": "2024-03-15", "actor": [{"code": "VNM"}],
              "event": ["CONSULT"], "redline": {"asserted": True}}
    validator = _validator()
    assert list(validator.iter_errors(record)) == []
    assert list(validator.iter_errors({**record, **broken})) != []
    for required in ("id", "date", "actor", "event"):
        incomplete = {k: v for k, v in record.items() if k != required}
        assert list(validator.iter_errors(incomplete)) != [], required


def test_the_schema_ships_with_the_package() -> None:
    spec = schema()
    assert spec["required"] == ["id", "date", "actor", "event"]  # the manual's "Required"
    shipped = Path(export_package.__file__).parent / "data" / "plover_event.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == spec


# -- defaults --------------------------------------------------------------------------------


def test_asserted_only_is_the_default_of_gdelt_and_polecat_only() -> None:
    for name in ("gdelt", "polecat"):
        chosen = event_format(name)
        assert chosen.selects_asserted(None) is True
        assert chosen.selects_asserted(False) is False and chosen.marks(False) is True
        assert chosen.marks(True) is False
    for name in ("plover-jsonl", "csv"):
        chosen = event_format(name)
        assert chosen.selects_asserted(None) is False and chosen.marks(False) is False
        assert chosen.selects_asserted(True) is True


def test_plover_igo_codes() -> None:
    assert plover_code("IGOUNO") == "UNO"
    assert plover_code("IGOUNOHLHWHO") == "UNO"
    assert plover_code("IGOEUREEC") == "EUR"
    assert plover_code("IGOWSTNAT") == "IGO"
    assert plover_code("IGO") == "IGO"
    assert plover_code("RUS") == "RUS" and plover_code("WST") == "WST"
