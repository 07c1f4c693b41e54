"""How the coder turns the pair model's scores into events (``redline.events.linking``).

The scores come from a scorer that answers by the candidates' text, so that these tests
check the linking itself (triggers, modality, lexicon frames overruled or kept, one event
per source, type and target) whatever the trained model says. The trained model's own
behaviour on constructed sentences is tested in ``test_extraction.py``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from redline.coder import code_text
from redline.ontology.labels import ROOT_LABELS
from redline.relations.classifier import PairScores


class ScoresByText:
    """Answers ``predict_pairs`` from a table {(source text, target text): label}; every
    other pair is "no event"."""

    labels = list(ROOT_LABELS)

    def __init__(self, table: dict[tuple[str, str], str], probability: float = 0.9,
                 statement: float = 0.0) -> None:
        self.table = table
        self.probability = probability
        self.statement = statement  # the sentence head's P(statement)

    def predict_pairs(self, items: Any) -> list[PairScores]:
        out = []
        for item in items:
            texts = [item.text[a:b] for a, b in item.spans]
            pairs = {}
            for i, source in enumerate(texts):
                for j, target in enumerate(texts):
                    if i == j:
                        continue
                    probs = [1.0] + [0.0] * len(self.labels)
                    label = self.table.get((source, target))
                    if label is not None:
                        probs = [1 - self.probability] + [0.0] * len(self.labels)
                        probs[1 + self.labels.index(label)] = self.probability
                    pairs[(i, j)] = probs
            rest = (1.0 - self.statement) / 4
            out.append(PairScores([self.statement, rest, rest, rest, rest], pairs))
        return out


def code(resources: Any, text: str, table: dict[tuple[str, str], str],
         **scorer: float) -> list[Any]:
    return code_text(text, replace(resources, relations=ScoresByText(table, **scorer))).events


def test_a_warning_is_the_speakers_threat_and_the_threatened_strike_is_hypothetical(resources):
    text = ("Iran's foreign minister warned that Tehran would strike Israel if it attacked "
            "Iranian nuclear facilities.")
    events = code(resources, text, {("Iran's foreign minister", "Israel"): "THREATEN",
                                    ("Tehran", "Israel"): "ASSAULT"})
    threat = next(e for e in events if e.event == "THREATEN")
    assert threat.asserted
    assert [a.code for a in threat.actor] == ["IRN"] and [r.code for r in threat.recipient] \
        == ["ISR"]
    assert text[threat.event_span[0]:threat.event_span[1]] == "warned"
    strike = [e for e in events if e.event == "ASSAULT" and e.actor and
              e.actor[0].text == "Tehran"]
    assert strike and not any(e.asserted for e in strike)


def test_in_a_statement_a_weak_pair_event_needs_the_lexicon_to_agree(resources):
    """The sentence head reads the sentence as a statement and the pair is below the
    statement bar: the threat stands where the lexicon has THREATEN on the governing word,
    and a type the lexicon does not give there is no event."""
    text = ("Iran's foreign minister warned that Tehran would strike Israel if it attacked "
            "Iranian nuclear facilities.")
    events = code(resources, text, {("Iran's foreign minister", "Israel"): "THREATEN"},
                  probability=0.7, statement=0.6)
    assert [(e.event, [r.code for r in e.recipient]) for e in events if e.asserted] == \
        [("THREATEN", ["ISR"])]
    events = code(resources, "Germany criticised France over the budget.",
                  {("Germany", "France"): "ASSAULT"}, probability=0.7, statement=0.6)
    assert not [e for e in events if e.event == "ASSAULT"]
    assert [e.event for e in code(resources, "Germany criticised France over the budget.",
                                  {("Germany", "France"): "ASSAULT"}, probability=0.7)] \
        == ["ASSAULT"]


def test_a_pair_the_model_rejects_drops_the_lexicon_frame(resources):
    events = code(resources, "Germany criticised France over the budget.", {})
    assert not [e for e in events if e.actor and e.recipient]


def test_the_model_type_wins_over_the_lexicon_default(resources):
    events = code(resources, "Germany criticised France over the budget.",
                  {("Germany", "France"): "REJECT"})
    typed = [e for e in events if e.actor and e.recipient]
    assert [e.event for e in typed] == ["REJECT"]
    assert typed[0].typed_by.startswith("pair model")


def test_one_event_per_source_type_and_target(resources):
    events = code(resources, "Germany criticised and condemned France.",
                  {("Germany", "France"): "ACCUSE"})
    keys = [(tuple(a.code for a in e.actor), e.event, tuple(r.code for r in e.recipient))
            for e in events]
    assert len(keys) == len(set(keys))


def test_an_actor_with_no_country_keeps_its_text(resources):
    events = code(resources, "Halvorsen Shipping sued the Norwegian government.",
                  {("Halvorsen Shipping", "Norwegian government"): "ACCUSE"})
    event = next(e for e in events if e.event == "ACCUSE")
    assert event.actor[0].code == "" and event.actor[0].text == "Halvorsen Shipping"
    assert event.recipient[0].code == "NOR"


def test_the_confidence_is_the_models(resources):
    events = code(resources, "Germany criticised France over the budget.",
                  {("Germany", "France"): "ACCUSE"})
    assert [e.confidence for e in events if e.recipient] == [pytest.approx(0.9)]


def test_only_the_pair_model_parses_a_sentence_whose_actors_are_unnamed_nouns(resources):
    """No dictionary word and no name: the pair model may still link the nouns of people
    "prisoners", "guards"), so the sentence is parsed and linked; the lexicon-only
    coder (``--fast``) finds actors among mentions and names alone and skips it unparsed."""
    from redline.coder import Coder
    from redline.records import Document

    text = "Earlier, the prisoners attacked the guards."
    table = {("prisoners", "guards"): "ASSAULT"}
    linked = code(resources, text, table)
    assert [(e.actor[0].text, e.event, e.recipient[0].text) for e in linked] == \
        [("prisoners", "ASSAULT", "guards")]
    fast = Coder(resources, keep_traces=True)
    assert fast.code_document(Document("t", text, None)).events == []
    assert [(t.parsed, t.skip_reason) for t in fast.traces] == [(False, "no actor named")]


def test_a_second_phrase_naming_the_same_actors_makes_no_second_event(resources):
    """"their 2024 budget" names Ukraine again: the pair (Germany, their budget) is the
    same SUPPORT as (Germany, Ukraine), so it makes no event of its own and the lexicon's
    promise on "promised", the word governing that second pair, stands."""
    text = "Germany promised to help Ukraine with its 2024 budget."
    table = {("Germany", "Ukraine"): "SUPPORT", ("Germany", "its 2024 budget"): "SUPPORT"}
    events = code(resources, text, table)
    assert "AGREE" in [e.event for e in events if e.asserted]
    assert [e.event for e in events].count("SUPPORT") == 1


def test_who_tells_of_an_attack_is_not_its_attacker(resources):
    """The subject of "told" reports what the subject of the reported clause did; a pronoun
    subject ("it") may be the teller itself."""
    told = code(resources, "Survivors told reporters the gunmen shot Kenyan police officers.",
                {("Survivors", "Kenyan police officers"): "ASSAULT"})
    assert not [e for e in told if e.actor and e.actor[0].text == "Survivors"]
    said = code(resources, "Russia said it would send weapons to Syria.",
                {("Russia", "Syria"): "AID"})
    assert [(e.actor[0].code, e.recipient[0].code) for e in said
            if e.event == "AID" and e.actor and e.recipient] == [("RUS", "SYR")]
