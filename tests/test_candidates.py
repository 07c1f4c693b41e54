"""Actor candidates (``redline.actors.candidates``) on constructed sentences: every kind of
actor is proposed, with a code when the dictionaries give one and its text when not."""

from __future__ import annotations

from typing import Any

import pytest

from redline.actors.candidates import ActorCandidate


@pytest.fixture(scope="module")
def candidates(resources: Any) -> Any:
    from redline.coder import sentence_candidates

    def find(text: str) -> list[ActorCandidate]:
        return sentence_candidates(resources, [text])[0]

    return find


def by_text(found: list[ActorCandidate]) -> dict[str, list[str]]:
    return {c.text: [m.code + m.sector for m in c.mentions] for c in found}


def test_companies_and_people_without_a_country_are_candidates_with_an_empty_code(candidates):
    found = by_text(candidates("Halvorsen Shipping sued Dagny Ostrova in a Lagos court."))
    assert found["Halvorsen Shipping"] == [""]
    assert found["Dagny Ostrova"] == [""]


def test_nominal_actors_get_their_sector_and_no_country(candidates):
    found = {c.text: c for c in candidates("Protesters threw stones at riot police.")}
    assert found["Protesters"].kind == "nominal"
    assert found["Protesters"].mentions[0].code == ""
    assert "riot police" in found and found["riot police"].mentions[0].code == ""


def test_a_country_word_inside_an_organisation_name_is_not_that_country(candidates):
    found = by_text(candidates("The Canadian Wheat Council criticised the tariffs."))
    assert found.get("Canadian Wheat Council") == [""]
    assert not any(code.startswith("CAN") for codes in found.values() for code in codes)


def test_a_title_makes_the_name_a_person_of_that_country(candidates):
    found = by_text(candidates("Kenyan Foreign Minister Aldo Mwangi met the envoy."))
    assert any(codes and codes[0].startswith("KEN") for codes in found.values())


def test_a_city_in_the_name_of_talks_is_where_they_are_not_a_party(candidates):
    found = by_text(candidates("Delegates left the Jeddah talks early."))
    assert not any("SAU" in code for codes in found.values() for code in codes)


def test_parties_named_in_an_agreement_stay_candidates(candidates):
    found = by_text(candidates("Seoul condemned the Moscow-Pyongyang agreement."))
    codes = {code[:3] for codes in found.values() for code in codes}
    assert {"KOR", "RUS", "PRK"} <= codes


def test_conjoined_national_adjectives_give_each_member_its_own_mention(candidates):
    found = candidates("Polish and Lithuanian ministers condemned Belarus.")
    ministers = next(c for c in found if "ministers" in c.text)
    assert {m.code for m in ministers.mentions} == {"POL", "LTU"}
    spans = [(m.char_start, m.char_end) for m in ministers.mentions]
    assert len(set(spans)) == 2


def test_an_agent_word_after_a_verb_does_not_join_the_country(candidates):
    found = by_text(candidates("The Philippines and the United States held joint naval drills."))
    assert found.get("the United States") == ["USA"]


def test_spans_point_at_the_text(candidates):
    text = "Chinese coast guard vessels fired water cannons at a Philippine boat."
    for c in candidates(text):
        assert text[c.char_start:c.char_end] == c.text
        for m in c.mentions:
            assert text[m.char_start:m.char_end] == m.text
