"""Events from the pair model, fitted together with the verb lexicon's frames.

The pair model (``redline.relations``) scores every ordered pair of a sentence's actor
candidates: "no event", or the PLOVER root of what the source does to the target. A pair
it calls an event becomes a frame:

- when a lexicon frame links the same two actors, the frame keeps its trigger, its
  complements and, if the root agrees, its CAMEO code; otherwise the pair model's type
  wins and the CAMEO code is the type's most general one;
- when a lexicon frame of the same type links them the other way round by a pattern that
  reverses the roles ("X received aid from Y"), the lexicon's direction stands;
- a material event from the subject of "said"/"told" to a party inside the reported clause,
  when that clause has a subject of its own, is not the teller's ("Survivors told VOA the
  attackers shot ..." is no attack by the survivors);
- otherwise the trigger is the word that governs both actors in the parse (their lowest
  common ancestor): "Pakistan's envoy said Kabul was failing ..." -> "said" for the envoy's
  accusation, "failing" for Kabul's act, each with its own modality later.

A lexicon frame that links two candidates the model scored as "no event" is dropped with
the model's score as the reason; a frame with one actor only (a protest, an attack on no
named party) stays unless a pair event already covers its trigger or its actor with the
same root.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from redline.actors.candidates import ActorCandidate
from redline.actors.mentions import Mention
from redline.events.frames import Candidate, Frame, FrameBuilder
from redline.events.lexicon import LexiconMatch
from redline.ontology import CameoEntry, Ontology
from redline.ontology.labels import root_quad, to_root

NOUN_POS = frozenset({"NOUN", "PROPN"})
SAYING_VERBS = frozenset("said says say told tells tell added adds stated states reported "
                         "reports".split())
MATERIAL_QUADS = frozenset({2, 4})


@dataclass(frozen=True)
class LinkPolicy:
    # A pair is an event when P(no event) is below ``threshold``. The gold sets mark one
    # or two pairs a sentence and train every other pair as "no event", so the model is
    # shy of events and the bar is low; lower still (0.98) scores better on the gold sets
    # but makes events of side actors in news text (docs/EVALUATION.md).
    threshold: float = 0.9
    # The sentence head reads the whole sentence: when it says "statement" with at least
    # this probability, only pairs with P(event) >= ``statement_event`` are new events,
    # unless a lexicon frame of the same type stands on the word that governs the pair
    # ("warned" for a threat): two readings agreeing (the lexicon's frames are judged by
    # ``overrule`` alone).
    statement: float = 0.3
    statement_event: float = 0.97
    # A lexicon frame typed only by a verb's default code that links two candidates the
    # model scored is dropped when the model's P(no event) for every such pair is at least
    # this. A frame typed by a specific pattern stays: on text unlike the gold sentences
    # (long-form articles) the lexicon's patterns are right where the model is not.
    overrule: float = 0.99


@dataclass(frozen=True)
class PairEvent:
    source: int  # candidate indices
    target: int
    root: str
    probability: float  # 1 - P(no event)
    # in a sentence read as a statement, below ``statement_event``: an event only where the
    # lexicon agrees
    needs_lexicon: bool = False


def pair_events(scores: dict[tuple[int, int], list[float]], labels: Sequence[str],
                policy: LinkPolicy, statement: float = 0.0) -> list[PairEvent]:
    """The pairs the model calls events, most certain first; ``statement`` is the sentence
    head's probability that the sentence reports no event."""
    out = []
    for (i, j), probs in scores.items():
        if probs[0] >= policy.threshold:
            continue
        gated = statement >= policy.statement and 1.0 - probs[0] < policy.statement_event
        k = max(range(1, len(probs)), key=lambda c: probs[c])
        out.append(PairEvent(i, j, labels[k - 1], 1.0 - probs[0], gated))
    return sorted(out, key=lambda e: (-e.probability, e.source, e.target))


def link(doc: Doc, builder: FrameBuilder, frames: list[Frame],
         candidates: Sequence[ActorCandidate], events: Sequence[PairEvent],
         scored: dict[tuple[int, int], list[float]], ontology: Ontology,
         policy: LinkPolicy, statement: bool = False,
         unasserted: frozenset[int] = frozenset()) -> list[Frame]:
    """The sentence's frames: one per pair event, then the lexicon frames the pair model
    did not overrule. Overruled frames go to ``builder.dropped`` with the reason. Frames
    whose trigger is in ``unasserted`` (conditional, future, hypothetical acts) are not
    overruled: the model judges what happened, and the commitments need those acts."""
    out: list[Frame] = []
    for event in events:
        source, target = candidates[event.source], candidates[event.target]
        if _same_state(source, target):
            continue  # an actor does not act on itself ("Russia ... Russia and North Korea")
        fitting = [f for f in frames if _names(f.sources, source) and _names(f.recipients,
                                                                              target)]
        same_root = [f for f in fitting if to_root(f.cameo.plover) == event.root]
        # of several frames of other types the deepest is retyped: "pledged to defend the
        # Philippines" -> the model's type is that of the act promised; the pledge stays
        fitting.sort(key=lambda f: -sum(1 for _ in f.trigger.ancestors))
        if event.needs_lexicon and not same_root and not _lexicon_agrees(
                doc, frames, event, source, target):
            continue
        if _mirrors_a_reversed_pattern(frames, event, source, target):
            continue  # the lexicon's frame stays, with its direction
        if root_quad(event.root) in MATERIAL_QUADS and _reports_anothers_act(doc, source, target):
            continue  # "Survivors told VOA the attackers shot ...": the teller did not shoot
        frame = _from_lexicon(same_root[0], event, source, target) if same_root else \
            _retyped(fitting[0], event, source, target, ontology) if fitting else \
            _new_frame(doc, builder, event, source, target, ontology)
        if frame is not None and not _weaker_copy(frame, out) and not _known(frame, out):
            out.append(frame)
    for frame in frames:
        reason = "" if frame.trigger.i in unasserted and not any(
            f.trigger.i == frame.trigger.i for f in out) else \
            _overruled(frame, out, candidates, scored, policy, statement)
        if reason:
            builder.dropped.append(Candidate(frame.trigger, reason))
        else:
            out.append(frame)
    return out


def _mirrors_a_reversed_pattern(frames: Sequence[Frame], event: PairEvent,
                                source: ActorCandidate, target: ActorCandidate) -> bool:
    """Is the event the mirror image of a lexicon frame of its type typed by a pattern that
    reverses the roles ("Kenya received tanks from China": China's aid to Kenya)? The
    pattern states the direction; the model, reading "received ... from", may not."""
    return any(f.match.reverse and _names(f.sources, target) and _names(f.recipients, source)
               and to_root(f.cameo.plover) == event.root for f in frames)


def _reports_anothers_act(doc: Doc, source: ActorCandidate, target: ActorCandidate) -> bool:
    """Is the source the subject of a verb of saying whose reported clause, with a subject of
    its own, holds the target? Then the source tells of the act; the act is another's."""
    head = doc[source.end - 1]
    verb = head.head
    if head.dep_ != "nsubj" or verb.lower_ not in SAYING_VERBS:
        return False
    target_head = doc[target.end - 1]
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.left_edge.i <= target_head.i <= clause.right_edge.i:
            # a pronoun ("Russia said it would ...") may be the source itself
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" and not (
                source.start <= c.i < source.end) for c in clause.children)
    return False


def _lexicon_agrees(doc: Doc, frames: Sequence[Frame], event: PairEvent,
                    source: ActorCandidate, target: ActorCandidate) -> bool:
    """Does a lexicon frame of the event's type stand on the word governing the pair?"""
    trigger = governing_word(doc, source, target)
    return any(f.trigger.i == trigger.i and to_root(f.cameo.plover) == event.root
               for f in frames)


def _overruled(frame: Frame, linked: Sequence[Frame], candidates: Sequence[ActorCandidate],
               scored: dict[tuple[int, int], list[float]], policy: LinkPolicy,
               statement: bool) -> str:
    root = to_root(frame.cameo.plover)
    for f in linked:
        if f.score is None:
            continue
        if f.trigger.i == frame.trigger.i:
            return "coded as the pair model's event (its actors and type)"
        if to_root(f.cameo.plover) == root and (
                _overlap(f.sources, frame.sources) or _overlap(f.recipients, frame.recipients)):
            return f"the same {root} event as the pair model's '{f.trigger.text}'"
    if frame.sources and frame.recipients:
        sources = [k for k, c in enumerate(candidates) if _names(frame.sources, c)]
        targets = [k for k, c in enumerate(candidates) if _names(frame.recipients, c)]
        pairs = [(s, t) for s in sources for t in targets if (s, t) in scored]
        # a trigger inside a candidate ("his visit") was read by the model as part of an
        # actor's span, not as the event between the pair: its "no event" does not count
        inside = any(c.start <= frame.trigger.i < c.end for c in candidates)
        # in a sentence the sentence head reads as a statement, the model's "no event" is
        # enough to overrule a frame typed only by a verb's default code
        bar = policy.threshold if statement else policy.overrule
        if pairs and not frame.match.specific and not inside and \
                all(scored[p][0] >= bar for p in pairs):
            least = min(scored[p][0] for p in pairs)
            return f"the pair model found no event between these actors (p={least:.3f})"
    return ""


def _from_lexicon(frame: Frame, event: PairEvent, source: ActorCandidate,
                  target: ActorCandidate) -> Frame:
    linked = replace(frame, sources=list(source.mentions), recipients=list(target.mentions),
                     trace=[*frame.trace, _why(event, source, target, "agrees with the lexicon")],
                     score=event.probability)
    return linked


def _retyped(frame: Frame, event: PairEvent, source: ActorCandidate, target: ActorCandidate,
             ontology: Ontology) -> Frame | None:
    entry = _entry(event.root, frame.cameo.plover, ontology)
    if entry is None:
        return None
    code = entry.code
    return replace(frame, cameo=entry, sources=list(source.mentions),
                   recipients=list(target.mentions),
                   match=LexiconMatch(code, f"pair model (p={event.probability:.2f})", True),
                   trace=[*frame.trace, _why(event, source, target,
                                             f"over the lexicon's {frame.cameo.plover}")],
                   score=event.probability)


def _new_frame(doc: Doc, builder: FrameBuilder, event: PairEvent, source: ActorCandidate,
               target: ActorCandidate, ontology: Ontology) -> Frame | None:
    entry = _entry(event.root, "", ontology)
    if entry is None:
        return None
    trigger = governing_word(doc, source, target)
    noun = trigger.pos_ in NOUN_POS
    complements = builder.complements(trigger, noun=noun)
    match = LexiconMatch(entry.code, f"pair model (p={event.probability:.2f})", True)
    return Frame(trigger, "noun" if noun else "verb", trigger.lower_, match, entry,
                 list(source.mentions), list(target.mentions), complements,
                 trace=[_why(event, source, target, f"trigger '{trigger.text}' governs both")],
                 score=event.probability)


def _entry(root: str, lexicon_type: str, ontology: Ontology) -> CameoEntry | None:
    plover = root
    if root == "YIELD":
        plover = "RETREAT" if lexicon_type == "RETREAT" else "CONCEDE"
    entry = ontology.cameo(ontology.cameo_for(plover))
    return entry if entry is not None and entry.plover == plover else None


def governing_word(doc: Doc, source: ActorCandidate, target: ActorCandidate) -> Token:
    """The lowest word of the parse that governs both candidates (their heads' lowest
    common ancestor); when one candidate governs the other, its head."""
    a, b = _head(doc, source), _head(doc, target)
    above = {a.i}
    tok = a
    while tok.head.i != tok.i:
        tok = tok.head
        above.add(tok.i)
    tok = b
    while tok.i not in above and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.i in above else a.sent.root


def _head(doc: Doc, candidate: ActorCandidate) -> Token:
    return doc[candidate.start:candidate.end].root


def _same_state(a: ActorCandidate, b: ActorCandidate) -> bool:
    """Do the two candidates name the same actor (same country and sector; a country's
    government and its opposition are two actors)?"""
    codes = {(m.code, m.sector) for m in a.mentions if m.code}
    return bool(codes & {(m.code, m.sector) for m in b.mentions if m.code})


def _weaker_copy(frame: Frame, kept: Sequence[Frame]) -> bool:
    """Is ``frame`` a part of a more certain event already kept: the same trigger and
    type, and the same source or recipient ("condemned Russia and North Korea" is one
    event, not one per recipient)?"""
    return any(f.trigger.i == frame.trigger.i and f.cameo.plover == frame.cameo.plover
               and _within(frame.sources, f.sources) and _within(frame.recipients,
                                                                 f.recipients)
               for f in kept)


def _known(frame: Frame, kept: Sequence[Frame]) -> bool:
    """Is the same event (actors, type, recipients) already kept from a more certain pair?
    A second phrase naming the same actors ("the Philippines", "their 1951 treaty") makes
    no second event, and takes no word from the lexicon's frames."""
    return any(to_root(f.cameo.plover) == to_root(frame.cameo.plover)
               and {_name(m) for m in f.sources} == {_name(m) for m in frame.sources}
               and {_name(m) for m in f.recipients} == {_name(m) for m in frame.recipients}
               for f in kept)


def _within(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Does ``b`` name every actor of ``a`` (by code, or by span for an actor with no
    code)?"""
    names = {_name(m) for m in b}
    return bool(a) and all(_name(m) in names for m in a)


def _name(m: Mention) -> tuple[str, str] | tuple[int, int]:
    return (m.code, m.sector) if m.code else (m.start, m.end)


def _names(mentions: Sequence[Mention], candidate: ActorCandidate) -> bool:
    return any(m.start < candidate.end and candidate.start < m.end for m in mentions)


def _overlap(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a for y in b)


def _why(event: PairEvent, source: ActorCandidate, target: ActorCandidate, note: str) -> str:
    return (f"pair model: '{source.text}' {event.root} '{target.text}' "
            f"(p={event.probability:.2f}), {note}")
