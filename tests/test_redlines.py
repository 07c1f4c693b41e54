"""Red lines and their crossings (``analysis/redlines.py``, ``redline redlines``): constructed
documents coded by the real coder; each commitment kind, crossings (a later asserted act of
the trigger; not a negated, hypothetical or earlier one), the response that followed,
commitments repeated across articles, and the command's answers to bad queries."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from redline.analysis.actor_codes import country
from redline.analysis.redlines import RedLine, red_lines
from redline.coder import Coder
from redline.records import Document
from tests.conftest import run_cli
from tests.helpers import ingested, stories

THREAT = ("Russian President Vladimir Putin has issued a stern warning to South Korea against "
          "supplying lethal weapons to Ukraine.")
THREAT_AGAIN = ("Russia warned that if South Korea sends weapons to Ukraine, Moscow will "
                "respond harshly.")
CROSSING = "South Korea supplied lethal weapons to Ukraine."
NEGATED = "South Korea did not send weapons to Ukraine."
HYPOTHETICAL = "South Korea may supply lethal weapons to Ukraine."
RESPONSE = "Russia expelled South Korean diplomats."
PROMISE = "Japan will provide aid to the Philippines if Manila requests it."
PROMISE_CROSSED = "The Philippines asked Japan for aid."
PROMISE_KEPT = "Japan delivered humanitarian aid to the Philippines on Friday."
ALLIANCE = ("The treaty between Poland and Lithuania obliges mutual assistance in the event of "
            "an attack on either country.")
THIRD_PARTY_ATTACK = "Belarusian troops attacked Lithuania."
PARTY_ATTACK = "Polish troops attacked Lithuania."
CONDITION = ("Germany will deliver tanks to Ukraine, depending on the decision of the United "
             "States.")

Rows = tuple[list[dict[str, Any]], list[dict[str, Any]]]


@pytest.fixture(scope="module")
def coder(resources: Any) -> Coder:
    return Coder(resources)


def coded(coder: Coder, *docs: tuple[str, str, date]) -> Rows:
    """The commitment and event rows (JSON records, as stored) of these documents."""
    commitments: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for doc_id, text, day in docs:
        result = coder.code_document(Document(doc_id, text, day))
        commitments += [c.to_dict() for c in result.commitments]
        events += [e.to_dict() for e in result.events]
    return commitments, events


def only(lines: list[RedLine], kind: str) -> RedLine:
    found = [line for line in lines if line.kind == kind]
    assert len(found) == 1, [(line.kind, line.holder, line.trigger) for line in lines]
    return found[0]


def crossing_docs(line: RedLine) -> list[str]:
    return [c.event.doc_id for c in line.crossings]


def test_country_of_a_code():
    assert country("RUSGOV") == "RUS" and country("kor") == "KOR"
    assert country("IGOWSTNAT") == "IGOWSTNAT" and country("") == ""


# -- each kind, and its crossings -----------------------------------------------------------


def test_a_later_weapons_delivery_crosses_the_threat_and_the_response_follows(coder):
    rows = coded(coder, ("threat", THREAT, date(2024, 6, 21)),
                 ("crossing", CROSSING, date(2024, 7, 2)),
                 ("response", RESPONSE, date(2024, 7, 3)))
    line = only(red_lines(*rows), "threat")
    assert line.holder == ("RUS",)
    assert (line.trigger.actor, line.trigger.event, line.trigger.mode,
            line.trigger.recipient) == (("KOR",), "AID", "weapons", ("UKR",))
    assert crossing_docs(line) == ["crossing"]
    crossing = line.crossings[0]
    assert crossing.event.sentence == CROSSING and crossing.event.date == date(2024, 7, 2)
    assert crossing.response_followed and crossing.response is not None
    assert crossing.response.doc_id == "response" and crossing.response.event == "SANCTION"


def test_without_a_later_hostile_act_the_response_did_not_follow(coder):
    rows = coded(coder, ("threat", THREAT, date(2024, 6, 21)),
                 ("response-before", RESPONSE, date(2024, 6, 25)),
                 ("crossing", CROSSING, date(2024, 7, 2)))
    line = only(red_lines(*rows), "threat")
    assert crossing_docs(line) == ["crossing"]
    assert not line.crossings[0].response_followed


@pytest.mark.parametrize(("text", "modality"), [(NEGATED, "negated"),
                                                (HYPOTHETICAL, "hypothetical")])
def test_a_negated_or_hypothetical_delivery_does_not_cross(coder, text, modality):
    rows = coded(coder, ("threat", THREAT, date(2024, 6, 21)), ("later", text, date(2024, 7, 2)))
    # the coder sees the same act between the same states, not as having happened
    act = [e for e in rows[1] if e["doc_id"] == "later" and e["event"] == "AID"]
    assert act and all(not e["asserted"] and modality in e["modality"] for e in act)
    assert [e["recipient"][0]["code"] for e in act] == ["UKR"]
    assert crossing_docs(only(red_lines(*rows), "threat")) == []


def test_an_earlier_or_same_day_delivery_does_not_cross(coder):
    rows = coded(coder, ("earlier", CROSSING, date(2024, 6, 10)),
                 ("threat", THREAT, date(2024, 6, 21)),
                 ("same-day", CROSSING, date(2024, 6, 21)))
    assert sum(e["asserted"] and e["event"] == "AID" for e in rows[1]) == 2
    assert crossing_docs(only(red_lines(*rows), "threat")) == []


def test_another_states_delivery_does_not_cross(coder):
    rows = coded(coder, ("threat", THREAT, date(2024, 6, 21)),
                 ("japan", "Japan supplied lethal weapons to Ukraine.", date(2024, 7, 2)))
    assert crossing_docs(only(red_lines(*rows), "threat")) == []


def test_a_promise_is_crossed_by_its_condition_and_kept(coder):
    rows = coded(coder, ("promise", PROMISE, date(2024, 6, 21)),
                 ("asked", PROMISE_CROSSED, date(2024, 7, 1)),
                 ("kept", PROMISE_KEPT, date(2024, 7, 5)))
    line = only(red_lines(*rows), "promise")
    assert line.holder == ("JPN",) and line.trigger.actor == ("PHL",)
    assert line.trigger.event == "REQUEST" and line.response.event == "AID"
    assert crossing_docs(line) == ["asked"]
    response = line.crossings[0].response
    assert response is not None and response.doc_id == "kept"


def test_an_alliance_is_crossed_by_a_third_partys_attack_on_a_member(coder):
    rows = coded(coder, ("treaty", ALLIANCE, date(2024, 6, 21)),
                 ("third", THIRD_PARTY_ATTACK, date(2024, 7, 1)),
                 ("member", PARTY_ATTACK, date(2024, 7, 2)),
                 ("aid", "Poland sent troops to help Lithuania.", date(2024, 7, 3)))
    line = only(red_lines(*rows), "alliance")
    assert line.holder == ("LTU", "POL")
    assert crossing_docs(line) == ["third"]  # an attack by a member is no crossing
    response = line.crossings[0].response
    assert response is not None and response.doc_id == "aid" and response.recipient == ("LTU",)


def test_a_condition_is_listed_and_an_untyped_trigger_is_never_crossed(coder):
    rows = coded(coder, ("condition", CONDITION, date(2024, 6, 21)),
                 ("later", "The United States decided to send tanks to Ukraine.",
                  date(2024, 7, 1)))
    line = only(red_lines(*rows), "condition")
    assert line.holder == ("DEU",) and line.trigger.actor == ("USA",)
    assert line.trigger.event == "" and line.response.event == "AID"
    assert line.crossings == []


# -- repeated commitments, filters -----------------------------------------------------------


def test_a_commitment_repeated_across_articles_is_one_with_its_mentions(coder):
    rows = coded(coder, ("again", THREAT_AGAIN, date(2024, 6, 25)),
                 ("first", THREAT, date(2024, 6, 21)),
                 ("crossing", CROSSING, date(2024, 6, 23)))
    assert len(rows[0]) == 2
    line = only(red_lines(*rows), "threat")
    assert [(m.doc_id, m.date) for m in line.mentions] == [("first", date(2024, 6, 21)),
                                                           ("again", date(2024, 6, 25))]
    assert line.first_stated == date(2024, 6, 21)
    assert crossing_docs(line) == ["crossing"]  # after the first statement


def test_filters_by_stated_date_and_actor(coder):
    rows = coded(coder, ("threat", THREAT, date(2024, 6, 21)),
                 ("promise", PROMISE, date(2024, 7, 1)))
    assert [line.kind for line in red_lines(*rows)] == ["threat", "promise"]
    assert [line.kind for line in red_lines(*rows, since=date(2024, 6, 22))] == ["promise"]
    assert [line.kind for line in red_lines(*rows, until=date(2024, 6, 30))] == ["threat"]
    assert [line.kind for line in red_lines(*rows, actor="KORGOV")] == ["threat"]
    assert red_lines(*rows, actor="CHN") == []


# -- the command line -----------------------------------------------------------------------

DOCS = [
    ("threat", THREAT, "2024-06-21"),
    ("earlier", "Officials said South Korea supplied lethal weapons to Ukraine.", "2024-06-10"),
    ("again", THREAT_AGAIN, "2024-06-24"),
    ("negated", NEGATED, "2024-06-28"),
    ("hypothetical", HYPOTHETICAL, "2024-06-29"),
    ("crossing", CROSSING, "2024-07-02"),
    ("response", RESPONSE, "2024-07-03"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("redlines")
    return ingested(folder / "r.duckdb", stories(folder / "docs.jsonl", DOCS))


def test_command_lists_the_threat_its_mentions_and_its_one_crossing(store: Path):
    result = run_cli("redlines", "--db", str(store), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    lines = json.loads(result.stdout)
    threats = [x for x in lines if x["kind"] == "threat" and x["holder"] == ["RUS"]]
    assert len(threats) == 1
    threat = threats[0]
    assert [m["doc_id"] for m in threat["mentions"]] == ["threat", "again"]
    assert threat["first_stated"] == "2024-06-21"
    assert [c["event"]["doc_id"] for c in threat["crossings"]] == ["crossing"]
    crossing = threat["crossings"][0]
    assert crossing["event"]["sentence"] == CROSSING and crossing["response_followed"]
    assert crossing["response"]["doc_id"] == "response"

    table = run_cli("redlines", "--db", str(store), "--actor", "KOR", "--since", "2024-06-01")
    text = table.stdout.decode()
    assert table.returncode == 0, table.stderr.decode()
    assert "threat by RUS (first stated 2024-06-21, 2 mentions)" in text
    assert THREAT in text and THREAT_AGAIN in text  # whole sentences, never cut
    assert "CROSSED 2024-07-02: KOR AID/weapons -> UKR" in text and CROSSING in text
    assert "response followed: yes, 2024-07-03" in text

    # a range inside the store's with no commitment stated in it: said so, not an error
    none = run_cli("redlines", "--db", str(store), "--since", "2024-06-22", "--until",
                   "2024-06-23")
    assert none.returncode == 0, none.stderr.decode()
    assert none.stdout.decode().strip() == "No stored commitment matches the query."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--actor", "XYZ"), "unknown actor code 'XYZ'"),
        (("--actor", "K0R!"), "unknown actor code"),
        (("--actor", "NZL"), "no event or commitment names an actor of its country"),
        (("--since", "2024-13-45"), "--since '2024-13-45' is not a date"),
        (("--until", "yesterday"), "--until 'yesterday' is not a date"),
        (("--since", "2024-07-01", "--until", "2024-06-01"), "is after --until"),
        (("--since", "2030-01-01"), "the store's commitments were stated from 2024-06-21"),
        (("--until", "1999-12-31"), "no commitment was stated in the range"),
        (("--format", "xml"), "--format must be one of table, json"),
    ],
)
def test_bad_queries_get_one_line_and_exit_code_2(store: Path, args: tuple[str, ...],
                                                  message: str):
    result = run_cli("redlines", "--db", str(store), *args)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert message in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr and result.stdout == b""


def test_missing_or_empty_store_gets_one_line_and_exit_code_2(tmp_path: Path):
    missing = run_cli("redlines", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 2 and b"no such database" in missing.stderr
    assert len(missing.stderr.decode().strip().splitlines()) == 1
    db = ingested(tmp_path / "r.duckdb",
                  stories(tmp_path / "plain.jsonl", [("a", CROSSING, "2024-07-02")]))
    empty = run_cli("redlines", "--db", str(db))
    stderr = empty.stderr.decode()
    assert empty.returncode == 2 and "holds no commitments" in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
