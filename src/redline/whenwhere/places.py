"""Where did it happen? The place phrase of a frame's clause, as a country code.

Receives a trigger token and the sentence's mentions; emits a ``Location`` when the clause
says where: "Speaking in Vietnam, Putin cautioned ...", "troops attacked ... in Kharkiv",
"his visit to North Korea, where he and Kim signed a pact". Only places the actor lexicon
knows (countries, capitals, other cities it lists) are coded; an "in" phrase inside a noun
phrase ("the Russian ambassador in Seoul") describes the noun, not the event, and is left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from redline.actors.mentions import Mention
from redline.records import Location

PLACE_PREPS = frozenset({"in", "at", "inside", "near"})
PLACE_KINDS = frozenset({"country", "capital"})


def location_for(trigger: Token, mentions: Sequence[Mention]) -> tuple[Location, str] | None:
    """The event's place and a line saying how it was found, or ``None``."""
    by_token = {i: m for m in mentions if m.kind in PLACE_KINDS for i in range(m.start, m.end)}
    for verb in _clause_verbs(trigger):
        for child in verb.children:
            found = _place_in(child, by_token)
            if found is not None:
                return found, f"'{child.text} {found.place}' on '{verb.text}'"
            if child.dep_ == "advcl" and not _has_subject(child):
                for grand in child.children:
                    found = _place_in(grand, by_token)
                    if found is not None:
                        return found, f"'{child.text} {grand.text} {found.place}'"
        if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            place = by_token.get(verb.head.i)
            if place is not None:
                return Location(place.code, place.text), f"'where' refers to '{place.text}'"
    return None


def _clause_verbs(trigger: Token) -> list[Token]:
    """The trigger and the verbs up to the head of its clause."""
    out = [trigger]
    cur = trigger
    while cur.dep_ in ("xcomp", "conj", "pcomp", "prep", "pobj", "dobj") and cur.head.i != cur.i:
        cur = cur.head
        out.append(cur)
    return out


def _place_in(child: Token, by_token: dict[int, Mention]) -> Location | None:
    if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
        return None
    for pobj in child.children:
        if pobj.dep_ == "pobj" and pobj.i in by_token:
            place = by_token[pobj.i]
            return Location(place.code, place.text)
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
