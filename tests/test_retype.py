"""The relation classifier as a second opinion in the coder (``redline.events.retype``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from redline.coder import Coder
from redline.events.retype import RetypePolicy
from redline.records import Document


class FixedOpinion:
    """A stand-in classifier that always answers the same, and records what it was asked."""

    def __init__(self, label: str, probability: float) -> None:
        self.answer = (label, probability)
        self.asked: list[tuple[str, tuple[int, int], tuple[int, int]]] = []

    def predict(self, items: list[Any]) -> list[tuple[str, float]]:
        self.asked += items
        return [self.answer for _ in items]


def code(resources: Any, text: str, opinion: FixedOpinion | None,
         policy: RetypePolicy | None = None) -> list[dict]:
    res = replace(resources, relations=opinion, retype_policy=policy or RetypePolicy())
    coded = Coder(res).code_document(Document("t", text, date(2024, 5, 2)))
    return [e.to_dict() for e in coded.events]


# "met" is typed by the default of its CAMEO block (CONSULT), "attacked" too (ASSAULT)
DEFAULT_TYPED = "Sweden met Finland in Stockholm."


def test_confident_disagreement_retypes_a_default_typed_frame(resources):
    opinion = FixedOpinion("COOPERATE", 0.95)
    events = code(resources, DEFAULT_TYPED, opinion)
    assert [e["event"] for e in events] == ["COOPERATE"]
    sentence, source, target = opinion.asked[0]
    assert sentence[slice(*source)] == "Sweden" and sentence[slice(*target)] == "Finland"
    assert events[0]["cameo"].startswith("06")


def test_low_confidence_or_agreement_keeps_the_lexicon_type(resources):
    assert [e["event"] for e in code(resources, DEFAULT_TYPED,
                                     FixedOpinion("COOPERATE", 0.5))] == ["CONSULT"]
    assert [e["event"] for e in code(resources, DEFAULT_TYPED,
                                     FixedOpinion("CONSULT", 0.99))] == ["CONSULT"]
    assert [e["event"] for e in code(resources, DEFAULT_TYPED, None)] == ["CONSULT"]


def test_frames_typed_by_a_specific_pattern_are_not_asked(resources):
    opinion = FixedOpinion("ASSAULT", 0.99)
    events = code(resources, "Germany sent tanks to Ukraine.", opinion)
    assert [e["event"] for e in events] == ["AID"] and opinion.asked == []
    events = code(resources, "Germany sent tanks to Ukraine.", opinion,
                  RetypePolicy(only_defaults=False))
    assert [e["event"] for e in events] == ["ASSAULT"]


def test_frames_that_did_not_happen_are_not_asked(resources):
    # the classifier judges the relation the sentence states (here a warning), not the
    # hypothetical attack
    opinion = FixedOpinion("THREATEN", 0.99)
    events = code(resources, "If Iran attacks Israel, the United States will respond.",
                  opinion)
    assert [e["event"] for e in events if e["actor"][0]["code"] == "IRN"] == ["ASSAULT"]
    assert opinion.asked == []


def test_yield_becomes_concede_unless_the_lexicon_said_retreat(resources):
    events = code(resources, DEFAULT_TYPED, FixedOpinion("YIELD", 0.95))
    assert [e["event"] for e in events] == ["CONCEDE"]
