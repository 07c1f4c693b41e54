"""Actor candidates of a parsed sentence: every phrase that could be an event's actor.

The dictionary mentions (``redline.actors.mentions``) name states, IGOs, their agents and
known people, with codes. Events also have actors the dictionaries do not know: companies,
parties, courts, people ("the ACLU", "Congressman Andy Levin"), and nominal actors
("protesters", "police", "coast guard vessels"). A candidate is a noun phrase of the parse
(spaCy's noun chunks) that

- holds a dictionary mention: it takes the mention's code (or each member's, for "Polish
  and Lithuanian ministers"), unless the mention is only a word inside a longer name
  ("German" in "the German Marshall Fund", "Albert" in "Albert Smith") or a place inside
  the name of an event ("the Jeddah talks");
- is headed by a proper noun (a name with no country code: its text is kept), or
- is headed by an all-capital acronym the dictionaries do not know ("ICE"), or
- is headed by an agent noun of the dictionaries ("protesters", "the ministry") or a noun
  of people and bodies (``NOMINAL_HEADS``: "prisoners", "the committee"): a nominal actor
  with that sector (or none) and no country, or
- is owned by a name ("the OGA's attempt"): the name is the candidate.

Dictionary mentions outside every noun chunk are candidates of their own. Pronouns count
only when the mention finder resolved them within the document. Which candidates are an
event's actor and recipient is decided later, by the pair model (``redline.relations``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from redline.actors.lexicon import ActorLexicon
from redline.actors.mentions import Mention
from redline.actors.normalize import normalize_token

# Mentions of these kinds name a place; inside a phrase headed by an event noun they are
# where the event happened, not a party to it ("the Jeddah talks", "the Minsk accords").
PLACE_KINDS = frozenset({"capital", "city", "place"})
EVENT_HEADS = frozenset(
    "talks talk summit meeting meetings conference negotiations negotiation accords accord "
    "agreement agreements deal process format forum dialogue declaration protocol "
    "memorandum communique ceasefire truce".split()
)
# Nominal actors the agent dictionaries do not list (plural people and forces).
NOMINAL_HEADS = frozenset(
    "protesters protestors demonstrators rioters crowds crowd mob activists students workers "
    "strikers people residents civilians villagers refugees migrants citizens voters "
    "gunmen attackers assailants fighters militants insurgents rebels jihadists extremists "
    "terrorists separatists troops soldiers forces police policemen officers guards "
    "vessels warships ships jets aircraft drones lawmakers legislators senators "
    "prosecutors judges court authorities officials diplomats envoys negotiators "
    "investigators inspectors monitors observers journalists reporters critics opponents "
    "supporters allies leaders "
    # people held, harmed or accused, members and staff, in both numbers
    "member members prisoner prisoners detainee detainees inmate inmates hostage hostages "
    "captive captives survivor survivors victim victims suspect suspects colleague "
    "colleagues owner owners employee employees staff aide aides chairman chairwoman "
    "chairperson spokesman spokeswoman spokesperson "
    # bodies and collectives without a name
    "group groups committee committees council councils organization organizations "
    "organisation organisations agency agencies party parties union unions company "
    "companies firm firms bank banks countries nations governments management "
    "administration regime coalition movement delegation delegations opposition "
    "militia militias faction factions community communities".split()
)
MAX_CANDIDATES = 8  # per sentence; pairs grow with the square
# Last words of the names of places that are no actors: "the South China Sea", "the Strait of
# Hormuz" is not a name the dictionaries know, and no one in an event.
PLACE_WORDS = frozenset(
    "sea seas ocean strait straits gulf bay river lake mountain mountains mount peninsula "
    "desert valley canal channel shoal shoals reef reefs island islands isle archipelago "
    "coast plateau basin delta highway road square airport port harbor harbour".split()
)


@dataclass(frozen=True)
class ActorCandidate:
    """A phrase that may be an event's actor. ``start``/``end`` are token indices in the
    sentence, ``char_start``/``char_end`` offsets in the sentence text; ``mentions`` are the
    actors it names: dictionary mentions with their codes, or for an actor the dictionaries
    do not know (a company, a person, "protesters") one mention of the whole phrase with an
    empty code."""

    start: int
    end: int
    char_start: int
    char_end: int
    text: str
    mentions: tuple[Mention, ...]
    kind: str  # "mention" | "named" | "nominal"
    sector: str = ""  # for a nominal actor with no mention

    @property
    def span(self) -> tuple[int, int]:
        return self.char_start, self.char_end


NAME_JOINERS = frozenset({"'s", "-", "&"})  # words that may join the parts of a name


def find_candidates(doc: Doc, mentions: Sequence[Mention], lexicon: ActorLexicon,
                    offset: int = 0, limit: int = MAX_CANDIDATES) -> list[ActorCandidate]:
    """The actor candidates of a parsed sentence that starts at ``offset`` in its document,
    in text order (at most ``limit``: those with dictionary mentions first, then the
    nearest to the sentence start)."""
    found: list[ActorCandidate] = []
    used: set[int] = set()  # ids of mentions given to a candidate
    for chunk in doc.noun_chunks:
        candidate = _from_chunk(doc, chunk, mentions, used, lexicon, offset)
        if candidate is not None:
            found.append(candidate)
    for m in mentions:
        if id(m) in used:
            continue
        if any(c.start <= m.start and m.end <= c.end for c in found):
            continue
        used.add(id(m))
        found.append(_candidate(doc, m.start, m.end, (m,), "mention", offset))
    found = _without_nested(found)
    if len(found) > limit:
        found = sorted(found, key=lambda c: (c.kind != "mention", c.start))[:limit]
    return sorted(found, key=lambda c: c.start)


def may_sit_inside_name(doc: Doc, mentions: Sequence[Mention]) -> bool:
    """Could a dictionary mention of this parsed sentence be one word of a longer unknown
    name (see :func:`_inside_longer_name`)? A cheap necessary condition: the word right after
    some mention continues a name (a proper noun, an adjective, "'s", "-", "&"). The
    lexicon-only coder computes candidates only where it holds, since it needs them for
    nothing else."""
    return any(m.end < len(doc) and (doc[m.end].pos_ in ("PROPN", "ADJ")
                                     or doc[m.end].text in NAME_JOINERS)
               for m in mentions)


def _from_chunk(doc: Doc, chunk: Span, mentions: Sequence[Mention], used: set[int],
                lexicon: ActorLexicon, offset: int) -> ActorCandidate | None:
    head = chunk.root
    start, end = chunk.start, chunk.end
    inside = [_within_clause(doc, m, chunk) for m in mentions
              if m.start < end and start < m.end and id(m) not in used]
    used.update(id(m) for m in mentions if m.start < end and start < m.end)
    if inside:
        start = min(start, *(m.start for m in inside))
        end = max(end, *(m.end for m in inside))
    on_head = [m for m in inside if m.covers(head.i)]
    if on_head:
        named = on_head + [m for m in inside if m not in on_head and _conjoined(doc, m, head)]
        return _candidate(doc, start, end, tuple(named), "mention", offset)
    if inside:
        if _inside_longer_name(doc, chunk, inside, lexicon):
            return _candidate(doc, chunk.start, chunk.end, (), "named", offset)
        owners = tuple(inside)
        if head.lower_ in EVENT_HEADS and len(inside) == 1 and _place(inside[0]):
            owners = ()  # "the Jeddah talks": where the event is, not who takes part
        if owners:
            return _candidate(doc, start, end, owners, "mention", offset)
        return None
    if _named_word(head):
        return _candidate(doc, start, end, (), "named", offset)
    sector = _agent_sector(doc, chunk, lexicon)
    if sector is not None:
        return _candidate(doc, start, end, (), "nominal", offset, sector)
    owner = _named_owner(chunk)
    if owner is not None:  # "the OGA's attempt": the owner is the actor, not the attempt
        return _candidate(doc, start, owner + 1, (), "named", offset)
    return None


def _named_word(token: Token) -> bool:
    """A capitalised proper noun, or an all-capital word of two or more letters ("ICE",
    "NLC"), which the tagger often reads as a common noun."""
    text = token.text
    return (token.pos_ == "PROPN" and text[:1].isupper()) or (
        len(text) >= 2 and text.isalpha() and text.isupper())


def _named_owner(chunk: Span) -> int | None:
    """The index of the last word of a proper name that owns the chunk's head ("the OGA's
    attempt", "GE's plans"), or None."""
    for child in chunk.root.children:
        if child.dep_ == "poss" and chunk.start <= child.i < chunk.end and _named_word(child):
            return child.i
    return None


def _candidate(doc: Doc, start: int, end: int, mentions: tuple[Mention, ...], kind: str,
               offset: int, sector: str = "") -> ActorCandidate:
    # leading determiners and punctuation are not part of the actor's text
    while start < end - 1 and doc[start].pos_ in ("DET", "PUNCT") and not any(
            m.start <= start < m.end for m in mentions):
        start += 1
    c0 = doc[start].idx
    c1 = doc[end - 1].idx + len(doc[end - 1].text)
    text = doc.text[c0:c1]
    if not mentions:  # an actor with no country: the phrase itself, with an empty code
        via = "a proper name" if kind == "named" else "a nominal actor"
        mentions = (Mention(start, end, offset + c0, offset + c1, text, "", sector, text,
                            kind, via),)
    return ActorCandidate(start, end, c0, c1, text, mentions, kind, sector)


def _place(m: Mention) -> bool:
    """Does the mention name a place rather than its state: a capital or a city coded as
    its country ("Jeddah" -> Saudi Arabia), not the country's own name or adjective?"""
    if m.kind in PLACE_KINDS:
        return True
    return m.kind == "country" and m.text[:4].lower() != m.name[:4].lower()


def _within_clause(doc: Doc, m: Mention, chunk: Span) -> Mention:
    """A mention that runs past its noun phrase across a verb ("the United States held
    joint naval [drills]": not a naval agent) keeps its country, without the agent."""
    outside = [doc[i] for i in range(m.start, m.end) if not chunk.start <= i < chunk.end]
    if not any(t.pos_ in ("VERB", "AUX") for t in outside):
        return m
    end = min(m.end, chunk.end)
    start = max(m.start, chunk.start)
    c0 = m.char_start + (doc[start].idx - doc[m.start].idx)
    c1 = c0 + (doc[end - 1].idx + len(doc[end - 1].text) - doc[start].idx)
    return Mention(start, end, c0, c1, doc.text[doc[start].idx:doc[end - 1].idx
                                                   + len(doc[end - 1].text)],
                   m.code, "", m.name, "country" if m.kind == "agent" else m.kind, m.via,
                   m.anaphoric)


def _conjoined(doc: Doc, m: Mention, head: object) -> bool:
    """Is mention ``m`` a conjoined member of the phrase ("Polish and Lithuanian ministers")?"""
    return any(doc[i].dep_ in ("conj", "amod", "compound") for i in range(m.start, m.end))


def _inside_longer_name(doc: Doc, chunk: Span, inside: Sequence[Mention],
                        lexicon: ActorLexicon) -> bool:
    """A mention that is one word of a longer proper name the dictionaries do not know:
    "German" in "the German Marshall Fund", "Albert" in "Albert Smith". A title makes the
    name a person of that country ("Iranian Foreign Minister Zarif"), and a mention on the
    head has been handled before this is asked."""
    head = chunk.root
    if head.pos_ != "PROPN":
        return False
    if _agent_sector(doc, chunk, lexicon, anywhere=True) is not None:
        return False
    first = min(m.start for m in inside)
    run = [doc[i] for i in range(first, head.i + 1)]
    return all(t.pos_ in ("PROPN", "ADJ") or t.text in NAME_JOINERS for t in run) and \
        any(t.pos_ == "PROPN" and not any(m.covers(t.i) for m in inside) for t in run)


def _agent_sector(doc: Doc, chunk: Span, lexicon: ActorLexicon,
                  anywhere: bool = False) -> str | None:
    """The sector of an agent noun heading the chunk ("the ministry", "riot police"), or,
    with ``anywhere``, of an agent word anywhere in it; ``None`` when there is none."""
    positions = [t.i for t in chunk if normalize_token(t.text)]
    norms = [normalize_token(chunk.doc[i].text) for i in positions]
    for k in range(len(norms)):
        match = lexicon.match_agent(norms, k)
        if match is not None and (anywhere or positions[match[0] - 1] == chunk.root.i):
            return match[1]
    if not anywhere and chunk.root.lower_ in NOMINAL_HEADS:
        return ""
    return None


def _without_nested(found: list[ActorCandidate]) -> list[ActorCandidate]:
    """Drop a candidate whose span lies inside another (one actor, one span)."""
    out: list[ActorCandidate] = []
    for c in found:
        if any(o is not c and o.start <= c.start and c.end <= o.end
               and (o.end - o.start) > (c.end - c.start) for o in found):
            continue
        if any(o.start == c.start and o.end == c.end for o in out):
            continue
        out.append(c)
    return out


def is_place(doc: Doc, candidate: ActorCandidate) -> bool:
    """Is the candidate a name the dictionaries do not know that names a place ("the South
    China Sea", "the Strait" and "Hormuz" of "the Strait of Hormuz")? It stays a candidate
    (a dictionary word inside it is no actor) but is no one's actor."""
    if candidate.kind != "named":
        return False
    head = doc[candidate.end - 1]
    if head.lower_ in PLACE_WORDS:
        return True
    owner = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    return owner is not None and owner.lower_ in PLACE_WORDS and owner.pos_ == "PROPN"
