"""Where did it happen? The place phrase of a frame's clause, resolved in the gazetteer.

Receives a trigger token, the sentence's mentions and a :class:`PlaceContext` (the
gazetteer and the countries of the story); emits a ``Location`` when the clause says where:

- a place phrase on the trigger's clause: "troops attacked positions in Kharkiv", "met at
  the border", "Speaking in Vietnam, Putin cautioned ...", "clashes near the Kharkiv region";
- a "where" clause on a place: "his visit to North Korea, where he and Kim signed a pact".

A phrase on a noun ("the Russian ambassador in Seoul") describes the noun, not the event,
and is left out; so is a capital used for its government ("Moscow warned Seoul": an actor,
not a place: only a place phrase makes a place). Names of countries and capitals come from
the actor lexicon's mentions; other proper names are looked up in the gazetteer; a named
place the gazetteer lacks, or a landmark named by a common noun ("the border"), keeps its
words and the reason it has no point. The story's dateline ("KYIV, Ukraine (AP) --") is
found by ``datelines.py``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from redline.actors.lexicon import ActorLexicon
from redline.actors.mentions import Mention
from redline.records import Location
from redline.whenwhere.countries import country
from redline.whenwhere.gazetteer import (
    DIVISION_WORDS,
    Gazetteer,
    country_location,
    name_key,
    unresolved,
)

# a verb's dependents whose own place phrase is the event's (its object, a time noun); the
# subject's is not ("the ambassador in Seoul criticised ...": where he serves)
OBJECT_DEPS = frozenset({"dobj", "npadvmod", "nsubjpass"})
PLACE_PREPS = frozenset({"in", "at", "inside", "near", "outside", "across", "throughout"})
# mentions of these kinds are places when a place phrase names them
PLACE_KINDS = frozenset({"country", "capital"})
# common nouns that name a place without naming which ("clashes at the border")
LANDMARK_NOUNS = frozenset({"border", "frontier", "frontline", "coast", "embassy",
                            "consulate", "checkpoint", "crossing"})
# proper nouns after "in"/"at" that are times, not places ("in March")
TIME_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "christmas", "easter", "ramadan"})


@dataclass
class PlaceContext:
    """What resolving a document's places needs: the gazetteer and the story's actors (the
    name key and ISO3 code of each), whose countries settle ambiguous names."""

    gazetteer: Gazetteer
    actors: Collection[tuple[str, str]] = field(default_factory=frozenset)
    lexicon: ActorLexicon | None = None  # names a body ("Parliament", "Congress"): no place

    def names_a_body(self, words: str) -> bool:
        """Whether the actor lexicon's agent nouns name these words as a body or office
        ("in Parliament", "in Congress"): an institution, not a place."""
        if self.lexicon is None:
            return False
        tokens = words.lower().split()
        found = self.lexicon.match_agent(tokens, 0)
        return found is not None and found[0] == len(tokens)

    def story(self, words: str) -> frozenset[str]:
        """The story's countries, leaving out the place's own words: the lexicon codes some
        cities by a country ("Hyderabad" IND), which must not vote for itself."""
        own = name_key(words)
        return frozenset(code for key, code in self.actors if key != own)


def location_for(trigger: Token, mentions: Sequence[Mention], places: PlaceContext,
                 participants: Collection[str] = ()) -> tuple[Location, str] | None:
    """The event's place and a line saying how it was found, or ``None``. ``participants``
    (the codes of the event's actors and recipients) picks one of a list of places ("won
    in Botswana, Namibia and South Africa": South Africa for the South African event)."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    parties = frozenset(participants)
    for verb in _clause_verbs(trigger):
        for child in verb.children:
            found = _place_in(child, by_token, places, "place phrase", parties)
            if found is not None:
                return found, f"'{child.text} {found.place}' on '{verb.text}'"
        for child in verb.children:
            # the object's or the time's place phrase: "struck positions near Kharkiv",
            # "attacked a train Tuesday in Balochistan province"
            if child.dep_ in OBJECT_DEPS:
                for grand in child.children:
                    found = _place_in(grand, by_token, places, "place phrase", parties)
                    if found is not None:
                        return found, f"'{grand.text} {found.place}' on '{child.text}'"
            if child.dep_ == "advcl" and not _has_subject(child):
                for grand in child.children:
                    found = _place_in(grand, by_token, places, "place phrase", parties)
                    if found is not None:
                        return found, f"'{child.text} {grand.text} {found.place}'"
        if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            found = _place_of(verb.head, by_token, places, "where clause")
            if found is not None:
                return found, f"'where' refers to '{found.place}'"
    return None


def _clause_verbs(trigger: Token) -> list[Token]:
    """The trigger and the verbs up to the head of its clause."""
    out = [trigger]
    cur = trigger
    while cur.dep_ in ("xcomp", "conj", "pcomp", "prep", "pobj", "dobj") and cur.head.i != cur.i:
        cur = cur.head
        out.append(cur)
    return out


def _place_in(child: Token, by_token: dict[int, Mention], places: PlaceContext,
              found_by: str, participants: frozenset[str]) -> Location | None:
    if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
        return None
    for pobj in child.children:
        if pobj.dep_ == "pobj":
            listed = [pobj, *pobj.conjuncts]
            # of a list of places, the one that is a participant's, else the first
            listed.sort(key=lambda t: not (t.i in by_token
                                           and by_token[t.i].code in participants))
            for token in listed:
                found = _place_of(token, by_token, places, found_by)
                if found is not None:
                    return found
    return None


def _place_of(token: Token, by_token: dict[int, Mention], places: PlaceContext,
              found_by: str) -> Location | None:
    """The place a noun names: a country or capital mention, a proper name the gazetteer
    may know, a division ("the Kharkiv region") or a landmark noun; ``None`` for anything
    else (an organisation, a person, a time)."""
    mention = by_token.get(token.i)
    if mention is not None:
        return _mentioned_place(mention, places, found_by)
    name = _proper_name(token)
    if name and name.lower() not in TIME_NAMES and not places.names_a_body(name):
        resolution = places.gazetteer.resolve(name, places.story(name))
        if resolution.feature is None:
            return unresolved(name, found_by, resolution.reason)
        return places.gazetteer.location(resolution.feature, name, found_by)
    if token.lower_ in DIVISION_WORDS:
        name = " ".join(t.text for t in token.lefts if t.dep_ in ("compound", "amod")
                        and t.pos_ == "PROPN")
        if name:
            words = f"{name} {token.text}"
            resolution = places.gazetteer.resolve(name, places.story(name), division=True)
            if resolution.feature is None:
                return unresolved(words, found_by, resolution.reason)
            return places.gazetteer.location(resolution.feature, words, found_by)
    if token.lower_ in LANDMARK_NOUNS and token.pos_ == "NOUN":
        words = " ".join(t.text for t in token.subtree if t.i <= token.i)
        return unresolved(words, found_by, "a landmark named by a common noun, not a "
                                           "named place")
    return None


def _mentioned_place(mention: Mention, places: PlaceContext, found_by: str) -> Location | None:
    if mention.kind not in PLACE_KINDS:
        return None  # an organisation, a person, a group: not where something happened
    nation = country(mention.code)
    if nation is None:
        return unresolved(mention.text, found_by, f"'{mention.code}' is not a country")
    if mention.kind == "country":
        # the lexicon codes some cities by their country ("Donetsk", "Rafah", "Hyderabad"):
        # the place of that name the story points to, when no country goes by the name
        found = places.gazetteer.candidates(mention.text)
        if any(f.feature == "country" for f, _own in found) or not any(
                own and f.country == mention.code for f, own in found):
            return country_location(nation, mention.text, found_by)
        story = places.story(mention.text) or {mention.code}
        resolution = places.gazetteer.resolve(mention.text, story)
        if resolution.feature is None:
            return country_location(nation, mention.text, found_by)
        return places.gazetteer.location(resolution.feature, mention.text, found_by)
    resolution = places.gazetteer.resolve(mention.text, {mention.code})
    feature = resolution.feature
    if feature is None or feature.country != mention.code:
        feature = places.gazetteer.capital_of(mention.code)  # "in the Kremlin"
    if feature is None:
        return unresolved(mention.text, found_by, "no capital of this country in the "
                                                  "gazetteer", nation.iso3)
    return places.gazetteer.location(feature, mention.text, found_by)


NAME_PART_DEPS = frozenset({"compound", "amod", "nmod"})


def _proper_name(token: Token) -> str:
    """The proper name a token heads, with its compound parts and an "of" phrase ("New
    York", "Strait of Hormuz"); empty when the token is not a proper noun."""
    if token.pos_ != "PROPN":
        return ""
    # the capitalised words just before it in its phrase ("Angel Island Immigration",
    # "East China"), not a determiner or a possessive
    start = token.i
    doc = token.doc
    while (start > token.left_edge.i and doc[start - 1].text[:1].isupper()
           and doc[start - 1].dep_ in NAME_PART_DEPS):
        start -= 1
    words = [t.text for t in doc[start:token.i + 1]]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            names = [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
            if names:
                words += ["of", _proper_name(names[0])]
            break
    return " ".join(words)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
