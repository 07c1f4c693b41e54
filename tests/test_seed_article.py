"""Acceptance checks on the reference article, through the command line."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import EXAMPLES, jsonl, run_cli
from tests.helpers import coded_records

SEED = EXAMPLES / "seed_article.jsonl"


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return coded_records(SEED)


@pytest.fixture(scope="module")
def text() -> str:
    return str(json.loads(SEED.read_text(encoding="utf-8"))["text"])


def events(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["record"] == "event"]


def commitments(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["record"] == "commitment"]


def codes(actors: list[dict[str, Any]]) -> set[str]:
    return {a["code"] for a in actors}


def trigger_word(event: dict[str, Any], text: str) -> str:
    start, end = event["spans"]["event"][0]
    return text[start:end]


def test_events_come_before_commitments_and_have_the_design_fields(records):
    kinds = [r["record"] for r in records]
    assert kinds == sorted(kinds, key=lambda k: k != "event")
    event_fields = ["record", "id", "doc_id", "sentence_index", "sentence", "date",
                    "date_precision", "actor", "event", "mode", "context", "recipient", "cameo",
                    "quad", "intensity", "asserted", "modality", "reported_by", "location",
                    "spans", "confidence", "coder"]
    commitment_fields = ["record", "id", "doc_id", "sentence_index", "kind", "holder",
                         "trigger", "response", "sentence", "date"]
    for r in records:
        expected = event_fields if r["record"] == "event" else commitment_fields
        assert list(r) == expected


def test_putin_threatens_south_korea(records):
    assert any(e["event"] == "THREATEN" and "RUS" in codes(e["actor"])
               and "KOR" in codes(e["recipient"]) and e["asserted"] for e in events(records))


def test_agreement_signing_between_russia_and_north_korea(records, text):
    signing = [e for e in events(records) if e["event"] in ("SUPPORT", "AGREE")
               and trigger_word(e, text) in ("signing", "signed")
               and codes(e["actor"]) | codes(e["recipient"]) >= {"RUS", "PRK"}]
    assert signing and all(e["asserted"] for e in signing)


def test_putins_visit_to_north_korea(records):
    assert any(e["event"] == "CONSULT" and e["mode"] == "visit" and codes(e["actor"]) == {"RUS"}
               and codes(e["recipient"]) == {"PRK"} and e["asserted"] for e in events(records))


def test_south_korea_condemns_the_pact(records, text):
    condemn = [e for e in events(records) if trigger_word(e, text) == "condemned"]
    assert len(condemn) == 1
    event = condemn[0]
    assert event["event"] == "ACCUSE" and codes(event["actor"]) == {"KOR"}
    assert "RUS" in codes(event["recipient"]) and codes(event["recipient"]) <= {"RUS", "PRK"}


def test_summoning_the_russian_ambassador_is_a_protest(records, text):
    summon = [e for e in events(records) if trigger_word(e, text) == "summoning"]
    assert len(summon) == 1
    assert summon[0]["event"] == "ACCUSE"
    assert codes(summon[0]["actor"]) == {"KOR"} and codes(summon[0]["recipient"]) == {"RUS"}


def test_demand_for_cancellation(records, text):
    demand = [e for e in events(records) if trigger_word(e, text) == "demand"]
    assert len(demand) == 1
    assert demand[0]["event"] == "REQUEST"
    assert codes(demand[0]["actor"]) == {"KOR"} and codes(demand[0]["recipient"]) == {"RUS"}


def test_western_military_support_for_ukraine_is_asserted(records):
    assert any(e["event"] == "AID" and codes(e["actor"]) == {"WST"}
               and codes(e["recipient"]) == {"UKR"} and e["asserted"] for e in events(records))


def test_no_south_korean_weapons_supply_is_asserted(records):
    supplies = [e for e in events(records) if e["event"] == "AID"
                and "KOR" in codes(e["actor"]) and "UKR" in codes(e["recipient"])]
    assert len(supplies) >= 3  # the warning, the if-clause, the options being explored
    for event in supplies:
        assert event["asserted"] is False
        assert event["modality"], event["sentence"]


def test_no_asserted_russian_weapons_supply_to_north_korea(records):
    assert not [e for e in events(records) if e["event"] == "AID" and e["asserted"]
                and "RUS" in codes(e["actor"]) and "PRK" in codes(e["recipient"])]


def test_one_russian_threat_triggered_by_south_korean_arms(records):
    threats = [c for c in commitments(records) if c["kind"] == "threat"
               and codes(c["holder"]) == {"RUS"} and codes(c["trigger"]["actor"]) == {"KOR"}
               and c["trigger"]["event"] == "AID" and codes(c["trigger"]["recipient"]) == {"UKR"}]
    assert len(threats) == 1
    assert threats[0]["trigger"]["mode"] == "weapons"
    response = threats[0]["response"]
    assert codes(response["actor"]) == {"RUS"} and "KOR" in codes(response["recipient"])


def test_one_alliance_between_russia_and_north_korea(records):
    alliances = [c for c in commitments(records) if c["kind"] == "alliance"]
    assert len(alliances) == 1
    assert codes(alliances[0]["holder"]) == {"RUS", "PRK"}


def test_contingent_supply_is_a_condition_on_russia(records):
    conditions = [c for c in commitments(records) if c["kind"] == "condition"]
    assert any(codes(c["holder"]) == {"KOR"} and codes(c["trigger"]["actor"]) == {"RUS"}
               and c["response"]["event"] == "AID" for c in conditions)


def test_relative_dates_resolve_against_publication_date(records):
    thursday = [e for e in events(records) if "on Thursday" in e["sentence"]]
    friday = [e for e in events(records) if "on Friday" in e["sentence"]]
    assert thursday and friday
    assert {e["date"] for e in thursday} == {"2024-06-20"}
    assert {e["date"] for e in friday} == {"2024-06-21"}
    assert all(e["date_precision"] == "day" for e in thursday + friday)


def test_speaking_in_vietnam_places_the_warning(records, text):
    cautioned = [e for e in events(records) if trigger_word(e, text) == "cautioned"]
    place = cautioned[0]["location"] if cautioned else None
    assert place and (place["country"], place["place"], place["feature"]) == ("VNM", "Vietnam",
                                                                            "country")
    assert place["fips"] == "VM" and place["lat"] is not None


def test_spans_point_at_the_text_they_name(records, text):
    for event in events(records):
        for role in ("actor", "recipient"):
            for actor, (start, end) in zip(event[role], event["spans"][role], strict=True):
                assert text[start:end] == actor["text"]
        start, end = event["spans"]["event"][0]
        assert text[start:end] and text[start:end] in event["sentence"]


def test_ids_are_stable_across_runs(records):
    again = jsonl(run_cli("code", str(SEED), "--format", "jsonl").stdout)
    assert [r["id"] for r in again] == [r["id"] for r in records]
    assert len({r["id"] for r in records}) == len(records)
