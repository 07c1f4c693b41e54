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


def test_people_held_or_harmed_and_unnamed_bodies_are_nominal_actors(candidates):
    found = by_text(candidates("Guards at the prison beat several inmates before the "
                               "oversight committee wrote to their lawyers."))
    assert "several inmates" in found and found["several inmates"] == [""]
    assert "oversight committee" in found


def test_an_unknown_acronym_is_a_named_actor(candidates):
    # the tagger reads a sentence-initial "ICE" as a common noun
    found = by_text(candidates("ICE detained two farm workers in Ohio on Tuesday."))
    assert found.get("ICE") == [""]


def test_a_name_that_owns_the_head_is_the_candidate_not_the_head(candidates):
    found = by_text(candidates("Lawmakers rejected the Halvorsen Group's offer to "
                               "rebuild the bridge."))
    assert "Halvorsen Group" in found
    assert not any("offer" in text for text in found)


def test_spans_point_at_the_text(candidates):
    text = "Chinese coast guard vessels fired water cannons at a Philippine boat."
    for c in candidates(text):
        assert text[c.char_start:c.char_end] == c.text
        for m in c.mentions:
            assert text[m.char_start:m.char_end] == m.text


def test_the_lexicon_only_coder_finds_candidates_only_where_they_change_its_frames(
        resources: Any) -> None:
    """``--fast`` skips the candidates of a sentence unless a mention may sit inside a
    longer name; over the example corpus that gives the same events as computing them for
    every sentence (``keep_traces`` always computes them), and the shortcut fires."""
    import json
    from dataclasses import replace
    from datetime import date

    from redline.actors.candidates import may_sit_inside_name
    from redline.coder import Coder
    from redline.records import Document
    from tests.conftest import ROOT

    lines = (ROOT / "examples" / "voa_stories.jsonl").read_text(encoding="utf-8").splitlines()
    documents = [Document(str(r["id"]), r["text"], date(2020, 1, 1))
                 for r in map(json.loads, lines[:25])]
    lexicon_only = replace(resources, relations=None)
    fast = [e.to_dict() for d in Coder(lexicon_only).code_documents(documents)
            for e in d.events]
    tracing = Coder(lexicon_only, keep_traces=True)
    full = [e.to_dict() for d in tracing.code_documents(documents) for e in d.events]
    assert fast == full and len(fast) > 100
    # the condition is necessary: every named candidate holding a mention passes it
    parsed = [t for t in tracing.traces if t.parsed]
    skipped = 0
    for trace in parsed:
        hides = any(c.kind == "named" and any(m.start <= c.start < m.end or
                                              c.start <= m.start < c.end
                                              for m in trace.mentions)
                    for c in trace.candidates)
        passes = may_sit_inside_name(trace.doc, trace.mentions)
        assert passes or not hides, trace.sentence.text
        skipped += not passes
    assert skipped > len(parsed) / 4


def test_a_sea_or_a_strait_is_a_place_not_an_actor(resources):
    from redline.actors.candidates import is_place
    from redline.coder import parsed_candidates

    [(doc, found)] = parsed_candidates(resources, [
        "Chinese ships sailed through the Strait of Hormuz into the South China Sea, "
        "the German Marshall Fund said."])
    places = sorted(c.text for c in found if is_place(doc, c))
    assert places == ["Hormuz", "South China Sea", "Strait"]
    assert "German Marshall Fund" in [c.text for c in found]
