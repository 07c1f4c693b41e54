"""``redline codes``: what a code means, and which actor code a text gets and why."""

from __future__ import annotations

import json
from typing import Any

from redline.actors.codebook import actor_rows, agent_rows, load_codebook
from tests.conftest import run_cli


def _codes(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = run_cli("codes", *args, stdin=stdin)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def _json(*args: str) -> dict[str, Any]:
    code, out, err = _codes(*args, "--json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_igo_codes_are_named_and_decomposed() -> None:
    code, out, _ = _codes("IGOUNO")
    assert code == 0 and out.startswith("IGOUNO: United Nations (actor code)")
    assert "Group of Seven" in _codes("IGOGOS")[1]
    nato = _json("IGOWSTNAT")["matches"][0]
    assert nato["name"] == "NATO"
    assert [(p["code"], p["kind"], p["meaning"]) for p in nato["parts"]] == [
        ("IGO", "international", "Intergovernmental organisation"),
        ("WST", "region", "The West"), ("NAT", "igo", "NATO")]
    unhcr = _json("IGOUNOREFHCR")["matches"][0]
    assert [p["kind"] for p in unhcr["parts"]] == ["international", "igo", "sector", "igo"]
    assert unhcr["parts"][1]["meaning"] == "United Nations" and unhcr["name"] == "UNHCR"


def test_composite_country_and_sector_codes() -> None:
    russia = _json("RUSGOV")
    assert russia["read_as"] == "code"
    match = russia["matches"][0]
    assert match["name"] == "Russia, government"
    assert [(p["code"], p["kind"]) for p in match["parts"]] == [("RUS", "country"),
                                                                ("GOV", "sector")]
    assert match["parts"][0]["iso_name"] == "Russian Federation"
    out = _codes("KOR")[1]
    assert out.splitlines()[0] == "KOR: South Korea (actor code)"
    assert "ISO 3166: Korea, Republic of" in out
    for sector, words in (("GOV", "Government"), ("MIL", "Military"), ("REB", "Rebels"),
                          ("OPP", "opposition"), ("COP", "Police")):
        assert words in _codes(sector)[1], sector
    # a code that is also a country: both readings
    assert [m["name"] for m in _json("AUT")["matches"]][0] == "Austria"


def test_every_sector_in_the_dictionaries_has_a_meaning() -> None:
    codebook = load_codebook()
    from redline.actors.codebook import data_rows
    from redline.actors.lexicon import ACTOR_FILES

    used = {row["sector"] for file in (*ACTOR_FILES, "agents.tsv", "redline_agents.tsv")
            for row in data_rows(file) if row.get("sector")}
    assert used - set(codebook.sectors) == set()


def test_event_codes() -> None:
    threaten = _json("THREATEN")["matches"][0]
    assert threaten["match"] == "plover_type" and threaten["quad"] == 3
    assert threaten["quad_name"] == "verbal conflict" and "138" in threaten["cameo"]
    cameo = _json("172")["matches"][0]
    assert (cameo["match"], cameo["plover"], cameo["mode"], cameo["goldstein"]) == (
        "cameo", "COERCE", "restrict", -5.0)
    assert cameo["quad"] == 4 and cameo["phoenix_quad"] == 4
    out = _codes("172")[1]
    assert "172: CAMEO Impose administrative sanctions" in out and "PLOVER COERCE" in out
    statement = _json("010")["matches"][0]
    assert statement["plover"] == "" and statement["phoenix_quad"] == 0
    assert {m["match"] for m in _json("visit")["matches"]} == {"plover_mode"}
    assert "plover_context" in {m["match"] for m in _json("military")["matches"]}


def test_a_group_name_gives_its_code_and_dictionary_row() -> None:
    result = _json("Hezbollah")
    assert result["read_as"] == "text"
    [match] = result["matches"]
    assert (match["code"], match["sector"], match["kind"]) == ("LBN", "REB", "group")
    used = [r for r in match["rows"] if r["used"]]
    assert [(r["file"], r["pattern"]) for r in used] == [("phoenix_actors.tsv.gz", "hezbollah")]
    out = _codes("Hezbollah")[1]
    assert out.splitlines()[0] == "'Hezbollah' -> LBNREB: Hezbollah"
    assert "phoenix_actors.tsv.gz:" in out and "(used)" in out


def test_an_agent_takes_its_country_from_a_demonym() -> None:
    [match] = _json("the Russian ambassador")["matches"]
    assert (match["code"], match["sector"], match["found_by"]) == ("RUS", "GOV", "agent")
    assert match["why"] == ("agent 'ambassador' (GOV) takes its country from 'Russian' "
                            "(demonym of Russia: RUS)")
    roles = {(r["role"], r["file"], r["pattern"]) for r in match["rows"] if r["used"]}
    assert roles == {("agent", "agents.tsv", "ambassador"),
                     ("actor", "countries.tsv", "russian")}
    agent = next(r for r in match["rows"] if r["role"] == "agent")
    assert agent_rows("ambassador")[0].line == agent["line"]
    assert actor_rows("russian")[0].file == "countries.tsv"


def test_dated_rows_follow_the_date() -> None:
    [later] = _json("Vladimir Putin", "--date", "2024-06-21")["matches"]
    [earlier] = _json("Vladimir Putin", "--date", "1995-01-01")["matches"]
    assert (later["code"], later["sector"]) == ("RUS", "GOV")
    assert (earlier["code"], earlier["sector"]) == ("RUS", "ELI")
    assert "is used on 2024-06-21" in later["why"]


def test_no_match_is_said_plainly() -> None:
    code, out, err = _codes("XYZ")
    assert code == 0 and err == ""
    assert out.strip() == "no match: 'XYZ' is no code and names no actor in the dictionaries"
    assert "capitalised" in _codes("hezbollah")[1]
    assert _json("the weather")["matches"] == []


def test_text_on_stdin_and_unreadable_input() -> None:
    code, out, _ = _codes("-", stdin=b"Seoul summoned the Russian ambassador.")
    assert code == 0 and "'Seoul' -> KORGOV" in out and "'Russian ambassador' -> RUSGOV" in out
    for stdin, message in ((b"\xff\xfe\x00binary", "not UTF-8 text"),
                           (b"a\x01b", "control characters"), (b"  \n", "empty")):
        code, out, err = _codes("-", stdin=stdin)
        assert code == 2 and out == ""
        assert len(err.strip().splitlines()) == 1 and message in err, err
        assert "Traceback" not in err
    code, _, err = _codes("")
    assert code == 2 and err.startswith("error: the query is empty")
