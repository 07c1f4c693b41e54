"""What if? (``redline scenario``): the seed article's threat, cycles, the depth limit, the
explanation when nothing triggers, and bad queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.analysis.scenario import (
    Hypothesis,
    ScenarioError,
    StoredCommitment,
    parse_scenario,
    run_scenario,
    scenario_lines,
)
from tests.conftest import EXAMPLES, run_cli

SEED = EXAMPLES / "seed_article.jsonl"
CODES = frozenset({"AAA", "BBB", "CCC", "KOR", "UKR", "RUS", "PRK", "WST"})
QUADS = {"THREATEN": 3, "ASSAULT": 4, "AID": 2, "COOPERATE": 2, "SANCTION": 4}


def commitment(cid: str, holder: str, trigger: Hypothesis, response: Hypothesis,
               kind: str = "threat") -> StoredCommitment:
    return StoredCommitment(cid, kind, tuple(holder.split(",")), trigger, response,
                            f"sentence of {cid}", "doc", "2024-06-21")


def mutual_threats() -> list[StoredCommitment]:
    """AAA will strike BBB if BBB sanctions it, and BBB will sanction AAA if AAA strikes."""
    return [commitment("a", "AAA", Hypothesis(("BBB",), "SANCTION", "", ("AAA",)),
                       Hypothesis((), "ASSAULT", "", ("BBB",))),
            commitment("b", "BBB", Hypothesis(("AAA",), "ASSAULT", "", ("BBB",)),
                       Hypothesis((), "SANCTION", "", ()))]


def test_cyclic_commitments_terminate():
    result = run_scenario(Hypothesis(("BBB",), "SANCTION", "", ("AAA",)), mutual_threats(),
                          depth=20, quads=QUADS)
    assert [s.response.text() for s in result.steps] == ["AAA ASSAULT -> BBB",
                                                         "BBB SANCTION -> AAA"]
    assert result.steps[-1].repeats == 0  # the scenario itself again: not followed
    assert result.beyond_depth == 0
    assert any("cycle" in line for line in scenario_lines(result))


def test_the_depth_limit_is_respected():
    chain = [commitment(str(i), f"C{i:02d}", Hypothesis((f"C{i - 1:02d}",), "ASSAULT", "", ()),
                        Hypothesis((), "ASSAULT", "", ())) for i in range(1, 10)]
    start = Hypothesis(("C00",), "ASSAULT", "", ("AAA",))
    result = run_scenario(start, chain, depth=3, quads=QUADS)
    assert [s.depth for s in result.steps] == [1, 2, 3]
    assert result.beyond_depth == 1
    assert "Depth limit 3 reached" in scenario_lines(result)[-1]
    assert len(run_scenario(start, chain, depth=20, quads=QUADS).steps) == 9


def test_the_step_limit_is_respected():
    fan = [commitment(str(i), "BBB", Hypothesis(("AAA",), "", "", ()),
                      Hypothesis((), "AID", "", (f"X{i:02d}",))) for i in range(30)]
    result = run_scenario(Hypothesis(("AAA",), "ASSAULT", "", ("BBB",)), fan, quads=QUADS,
                          max_steps=10)
    assert len(result.steps) == 10 and result.beyond_steps


def test_an_attack_on_an_ally_calls_on_the_other_parties():
    alliance = commitment("pact", "RUS,PRK", Hypothesis((), "ASSAULT", "", ("RUS", "PRK")),
                          Hypothesis(("RUS", "PRK"), "COOPERATE", "", ("RUS", "PRK")),
                          kind="alliance")
    [step] = run_scenario(Hypothesis(("KOR",), "ASSAULT", "", ("PRK",)), [alliance],
                          quads=QUADS).steps
    assert step.response == Hypothesis(("RUS",), "", "", ("KOR",))
    assert "alliance" in step.note
    assert not run_scenario(Hypothesis(("KOR",), "AID", "", ("PRK",)), [alliance],
                            quads=QUADS).steps


def test_nothing_triggers_is_explained():
    result = run_scenario(Hypothesis(("CCC",), "AID", "", ("UKR",)), mutual_threats(),
                          quads=QUADS)
    assert not result.steps
    text = "\n".join(scenario_lines(result))
    assert "No stored commitment has CCC AID -> UKR as its trigger" in text
    assert "its actor is BBB" in text and "sentence of a" in text
    assert "no commitments" in run_scenario(Hypothesis(("CCC",), "AID", "", ()), [],
                                            quads=QUADS).explanation[0]


def test_parsing_text_and_json():
    assert parse_scenario("kor aid ukr weapons", CODES) == Hypothesis(("KOR",), "AID",
                                                                      "weapons", ("UKR",))
    assert parse_scenario("RUSGOV THREATEN KOR", CODES).actor == ("RUS",)
    as_json = json.dumps({"actor": "KOR", "event": "AID", "recipient": ["UKR"],
                          "mode": "weapons"})
    assert parse_scenario(as_json, CODES) == parse_scenario("KOR AID UKR weapons", CODES)


@pytest.mark.parametrize("text, fragment", [
    ("XXX AID UKR", "unknown actor code 'XXX'"),
    ("KOR AID ZZZ", "unknown recipient code 'ZZZ'"),
    ("KOR AID", "cannot read the scenario"),
    ("KOR HUG UKR", "unknown PLOVER event type 'HUG'"),
    ("KOR AID UKR bananas", "not a mode of AID"),
    ("", "empty"),
    ("{not json", "not valid JSON"),
    ('{"actor": "KOR", "recipient": "UKR"}', "needs 'event'"),
    ('["KOR", "AID", "UKR"]', "must be an object"),
])
def test_malformed_scenarios(text: str, fragment: str):
    with pytest.raises(ScenarioError, match=None) as caught:
        parse_scenario(text, CODES)
    message = str(caught.value)
    assert fragment in message and "\n" not in message


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article, ingested with the full coder (the classifier), as a user would."""
    db = tmp_path_factory.mktemp("scenario") / "seed.duckdb"
    result = run_cli("ingest", str(SEED), "--db", str(db), "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    return db


def test_seed_article_kor_aid_ukr_weapons(seed_db: Path):
    result = run_cli("scenario", "--db", str(seed_db), "KOR AID UKR weapons", "--format",
                     "json")
    assert result.returncode == 0, result.stderr.decode()
    steps = json.loads(result.stdout)["steps"]
    russia = [s for s in steps if "RUS" in s["response"]["actor"]
              and {"KOR", "PRK"} & set(s["response"]["recipient"])]
    assert russia, steps
    assert any("if South Korea decides to supply arms to Ukraine" in s["sentence"]
               and s["date"] == "2024-06-21" for s in russia)
    text = run_cli("scenario", "--db", str(seed_db), "KOR AID UKR weapons")
    assert text.returncode == 0
    assert "RUS (unspecified response) -> KOR" in text.stdout.decode()


def test_seed_article_nothing_triggers(seed_db: Path):
    result = run_cli("scenario", "--db", str(seed_db), "CHN AID UKR")
    assert result.returncode == 0
    assert "No stored commitment has CHN AID -> UKR" in result.stdout.decode()


@pytest.mark.parametrize("args, fragment", [
    (["XXX AID UKR"], "unknown actor code"),
    (["KOR AID"], "cannot read the scenario"),
    (["KOR AID UKR", "--depth", "0"], "--depth must be"),
    (["KOR AID UKR", "--format", "xml"], "--format must be"),
])
def test_bad_queries_are_one_line_exit_2(seed_db: Path, args: list[str], fragment: str):
    result = run_cli("scenario", "--db", str(seed_db), *args)
    err = result.stderr.decode()
    assert result.returncode == 2 and fragment in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_an_empty_store_is_refused(tmp_path: Path):
    from redline.store.schema import close, connect

    db = tmp_path / "empty.duckdb"
    close(connect(db))  # a store with no documents
    for args in (["scenario", "KOR AID UKR"], ["graph"]):
        result = run_cli(*args, "--db", str(db))
        err = result.stderr.decode()
        assert result.returncode == 2 and "holds no documents" in err
        assert len(err.strip().splitlines()) == 1
