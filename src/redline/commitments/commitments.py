"""Red lines, promises, conditions and alliance clauses as ``Commitment`` records.

Receives the coded frames of one sentence (with modality) and the parse; emits commitments:

- ``threat`` / ``promise``: "if South Korea decides to supply arms to Ukraine, Russia will
  respond ..." (the frame inside the if-clause is the trigger, the consequence the
  response); "a warning to South Korea against supplying weapons" (the action warned
  against is the trigger, the warner's response is unstated); "could retaliate by X ... as
  a countermeasure against Y" and "threatened to X in response to Y" (Y triggers X).
  A conflictual, vague or retaliatory response makes a threat; a cooperative response to
  the trigger's actor a promise.
- ``condition``: an actor's own action "contingent on" / "depending on" / "in the event
  of" another's (the conditional phrases of the modality cue table, passed in).
- ``alliance``: mutual defence or assistance "in the event of aggression against either",
  and defence pacts signed between states.

Vague responses ("respond in a manner that would displease Seoul") have an empty event
type; their recipient is the actor the response is aimed at, or the trigger's actor.
Within a document, commitments with the same kind, holder and trigger are one commitment:
the most specific statement is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from redline.actors.lexicon import STATE_LIKE
from redline.actors.mentions import Mention
from redline.events.frames import Frame, Via
from redline.modality.modality import Modality
from redline.records import ActorRef, EventSketch

VAGUE_RESPONSES = frozenset({"respond", "react", "retaliate", "reply", "answer", "act",
                             "counter", "hit back", "strike back"})
RETALIATION_NOUNS = frozenset({"retaliation", "countermeasure", "response", "reprisal",
                               "revenge", "reaction", "answer", "counter"})
ALLIANCE_OBLIGATION = frozenset({"defense", "defence", "assistance", "cooperation", "aid",
                                 "support", "protection", "help", "security"})
ALLIANCE_TRIGGERS = frozenset({"aggression", "attack", "invasion", "war", "assault"})
PACT_NOUNS = frozenset({"pact", "treaty", "alliance", "agreement", "accord"})
PACT_MODIFIERS = frozenset({"defense", "defence", "mutual", "security", "military"})
OBLIGATION_EVENTS = {"cooperation": "COOPERATE", "assistance": "AID", "aid": "AID",
                     "defense": "AID", "defence": "AID", "protection": "AID", "help": "AID",
                     "support": "AID", "security": "AID"}
# "defend X under the treaty": an act of defence or aid done under a pact
PACT_PREPOSITIONS = frozenset({"under", "per"})
DEFENCE_EVENTS = frozenset({"AID", "SUPPORT", "COOPERATE"})
# Words that make an obligation reciprocal ("mutual assistance").
RECIPROCAL = frozenset({"mutual"})
# Every alliance clause found here holds a reciprocal word or a pact noun (obligation words
# alone make none). Matched as written, not as lemmas: a plural ("deepening security
# agreements") names no pact of two parties. The coder parses a sentence holding one even when
# no event word is present.
ALLIANCE_CUES = RECIPROCAL | PACT_NOUNS


@dataclass
class CodedFrame:
    """A frame with everything the commitment stage needs to know about it."""

    frame: Frame
    modality: Modality
    actor: list[ActorRef]
    recipient: list[ActorRef]
    event: str
    mode: str
    quad: int


@dataclass
class CommitmentDraft:
    kind: str
    holder: list[ActorRef]
    trigger: EventSketch
    response: EventSketch
    why: str
    explicit: bool  # an explicit conditional, not a warning or a reference

    def key(self) -> tuple:
        holders = tuple(sorted({h.code for h in self.holder}))
        if self.kind == "alliance":
            return (self.kind, holders)
        return (self.kind, holders, tuple(sorted({a.code for a in self.trigger.actor})),
                self.trigger.event, tuple(sorted({r.code for r in self.trigger.recipient})))

    def specificity(self) -> tuple[int, int, int]:
        return (1 if self.response.event else 0, 1 if self.response.recipient else 0,
                1 if self.explicit else 0)


@dataclass
class CommitmentFinder:
    """Finds commitments in one parsed sentence."""

    doc: Doc
    frames: Sequence[CodedFrame]
    mentions: Sequence[Mention]
    to_ref: Callable[[Mention], ActorRef]
    agent_of: Callable[[Token], tuple[list[Mention], Via]]
    np_actors: Callable[[Token], list[Mention]]
    lemmatize: Callable[[str], str]
    conditions: Sequence[tuple[str, ...]]  # "contingent on": the cue table's conditional phrases
    drafts: list[CommitmentDraft] = field(default_factory=list)

    def find(self) -> list[CommitmentDraft]:
        if not self.mentions:
            return []
        self._conditionals()
        self._warnings()
        self._retaliations()
        self._conditions()
        self._alliances()
        return self.drafts

    # -- "if X, Y will Z" -------------------------------------------------------------
    def _conditionals(self) -> None:
        for cf in self.frames:
            tok = cf.frame.trigger
            clause = _condition_clause(tok)
            if clause is None or any(
                other is not cf and tok.is_ancestor(other.frame.trigger) and other.actor
                for other in self.frames
            ):
                continue  # the most specific event of the condition is its trigger
            consequence = clause.head
            found = self._response_at(consequence, exclude=clause)
            if found is None:
                continue
            response, quad = found
            self._add_threat_or_promise(cf, response, quad, f"'{_mark(clause)} ...' clause of "
                                                            f"'{consequence.text}'")

    def _response_at(self, head: Token, exclude: Token) -> tuple[EventSketch, int] | None:
        """The response stated by the clause headed by ``head`` (minus the condition), with
        its quad class (0 when the response is vague)."""
        for cf in self.frames:
            t = cf.frame.trigger
            if t.i == head.i or (head.is_ancestor(t) and not exclude.is_ancestor(t)
                                 and t.i != exclude.i and _same_clause(t, head)):
                return _sketch(cf), cf.quad
        lemma = self.lemmatize(head.lower_)
        if lemma in VAGUE_RESPONSES or head.pos_ in ("VERB", "AUX"):
            actors, _via = self.agent_of(head)
            if not actors:
                return None
            targets = [m for t in head.subtree if not exclude.is_ancestor(t) and t.i != exclude.i
                       for m in self.mentions if m.covers(t.i)
                       and not any(m.code == a.code for a in actors)]
            return EventSketch([self.to_ref(a) for a in actors], "", "",
                               [self.to_ref(m) for m in _unique(targets)]), 0
        return None

    # -- "warned X against doing Y", "threatened to X in response to Y" -------------------
    def _warnings(self) -> None:
        for warn in self.frames:
            if warn.event != "THREATEN" or not warn.actor:
                continue
            # "issued a warning ... against supplying": the phrase may hang on the light verb
            heads = [warn.frame.trigger, *warn.frame.absorbed]
            for cf in self.frames:
                t = cf.frame.trigger
                head = next((h for h in heads if h.is_ancestor(t)), None)
                if cf is warn or head is None:
                    continue
                if _warned_against(t, head):
                    response = EventSketch(warn.actor, "", "", warn.recipient or cf.actor)
                    self._add(CommitmentDraft("threat", warn.actor, _sketch(cf), response,
                                              f"'{warn.frame.trigger.text} ... against "
                                              f"{t.text}'", explicit=False))

    def _retaliations(self) -> None:
        """A response frame and a trigger frame linked by "in response to", "retaliation
        against", "countermeasure against", "retaliate by"."""
        for trig in self.frames:
            cue = _retaliation_cue(trig.frame.trigger, self.lemmatize)
            if cue is None or not trig.actor:
                continue
            for resp in self.frames:
                # A response that already happened is a reaction, not a commitment.
                if resp is trig or not resp.actor or resp.modality.asserted:
                    continue
                if resp.event == "THREATEN" or not _linked_response(
                    resp.frame.trigger, cue, self.lemmatize
                ):
                    continue
                holder = resp.actor
                self._add(CommitmentDraft("threat", holder, _sketch(trig), _sketch(resp),
                                          f"'{cue.text}' links '{resp.frame.trigger.text}' to "
                                          f"'{trig.frame.trigger.text}'", explicit=False))

    # -- "X, contingent on Russia's actions" -------------------------------------------
    def _conditions(self) -> None:
        for cf in self.frames:
            if "conditional" not in cf.modality.flags or not cf.actor:
                continue
            phrase = _condition_phrase(cf.frame.trigger, self.conditions)
            if phrase is None:
                continue
            obj = next((c for c in phrase.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            inner = [f for f in self.frames if f is not cf and (
                f.frame.trigger.i == obj.i or obj.is_ancestor(f.frame.trigger))]
            if inner:
                trigger = _sketch(inner[0])
            else:
                actors = [self.to_ref(m) for m in self.np_actors(obj)]
                if not actors:
                    continue
                trigger = EventSketch(actors, "", "", [])
            self._add(CommitmentDraft("condition", cf.actor, trigger, _sketch(cf),
                                      f"'{phrase.head.text} {phrase.text} ...'", explicit=True))

    # -- alliances ------------------------------------------------------------------------
    def _alliances(self) -> None:
        if not may_state_alliance(t.lower_ for t in self.doc):
            return
        for tok in self.doc:
            lemma = self.lemmatize(tok.lower_)
            if lemma in ALLIANCE_OBLIGATION and any(c.lower_ in RECIPROCAL for c in tok.children):
                attack = _alliance_trigger(tok)
                if attack is None:
                    continue
                parties = self._parties(tok)
                if len({p.code for p in parties}) >= 2:
                    self._alliance(parties, OBLIGATION_EVENTS.get(lemma, "AID"),
                                   f"'mutual {tok.text} ... {attack.text}'")
            elif lemma in PACT_NOUNS and tok.dep_ == "pobj" and \
                    tok.head.lower_ in PACT_PREPOSITIONS:
                # "pledged to defend the Philippines under their 1951 treaty": the act done
                # under the pact binds its actor and recipient
                verb = tok.head.head
                bound = next((cf for cf in self.frames if cf.event in DEFENCE_EVENTS
                              and cf.actor and cf.recipient
                              and (cf.frame.trigger.i == verb.i
                                   or verb.is_ancestor(cf.frame.trigger))), None)
                if bound is not None and len({p.code for p in bound.actor + bound.recipient}) >= 2:
                    self._alliance(bound.actor + bound.recipient, "AID",
                                   f"'{bound.frame.trigger.text} ... {tok.head.text} ... "
                                   f"{tok.text}'")
            elif lemma in PACT_NOUNS and any(c.lower_ in PACT_MODIFIERS for c in tok.children
                                             if c.dep_ in ("compound", "amod")):
                signer = next((cf for cf in self.frames if cf.event in ("AGREE", "SUPPORT",
                                                                         "COOPERATE")
                               and (cf.frame.trigger.i == tok.head.i
                                    or cf.frame.trigger.is_ancestor(tok))), None)
                if signer is None:
                    continue
                parties = signer.actor + signer.recipient
                if len({p.code for p in parties}) >= 2:
                    self._alliance(parties, "AID", f"'{tok.head.text} ... {tok.text}'")

    def _parties(self, tok: Token) -> list[ActorRef]:
        """The parties bound by the clause holding ``tok``: the actors of the subject of its
        verb ("the agreement between Russia and North Korea calls for mutual ...")."""
        cur = tok
        while cur.head.i != cur.i and cur.pos_ not in ("VERB", "AUX"):
            cur = cur.head
        for child in cur.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                found = [self.to_ref(m) for m in self.np_actors(child)]
                if len({f.code for f in found}) >= 2:
                    return found
        # the parse did not give a subject naming the parties: the states the sentence names
        return [self.to_ref(m) for m in self.mentions if m.kind in STATE_LIKE]

    def _alliance(self, parties: list[ActorRef], obligation: str, why: str) -> None:
        members = _unique_refs(parties)
        trigger = EventSketch([], "ASSAULT", "", members)
        response = EventSketch(members, obligation, "military" if obligation == "AID" else "",
                               members)
        self._add(CommitmentDraft("alliance", members, trigger, response, why, explicit=True))

    # -- helpers --------------------------------------------------------------------------
    def _add_threat_or_promise(self, condition: CodedFrame, response: EventSketch,
                               quad: int, why: str) -> None:
        """A cooperative response aimed at the condition's actor is a promise; anything else
        (conflictual, vague, or aimed at a third party) is a threat."""
        if not (condition.actor or condition.recipient) or not response.actor:
            return
        target = {a.code for a in condition.actor}
        aimed_at_trigger = bool(target & {r.code for r in response.recipient})
        cooperative = quad in (1, 2)
        kind = "promise" if cooperative and aimed_at_trigger else "threat"
        if not response.recipient and not cooperative:
            response = EventSketch(response.actor, response.event, response.mode,
                                   list(condition.actor))
        self._add(CommitmentDraft(kind, response.actor, _sketch(condition), response, why,
                                  explicit=True))

    def _add(self, draft: CommitmentDraft) -> None:
        if any(h.code in {a.code for a in draft.trigger.actor} for h in draft.holder) and (
            draft.kind != "alliance"
        ):
            return  # a holder cannot threaten itself
        self.drafts.append(draft)


def may_state_alliance(forms: Iterable[str]) -> bool:
    """Can a sentence of these lower-case word forms state an alliance clause?"""
    return not ALLIANCE_CUES.isdisjoint(forms)


def merge_commitments(drafts: Sequence[tuple[int, CommitmentDraft]]) -> list[tuple[int,
                                                                              CommitmentDraft]]:
    """One commitment per (kind, holder, trigger) in a document: keep the most specific,
    the earliest among equals. Items are (sentence index, draft)."""
    best: dict[tuple, tuple[int, CommitmentDraft]] = {}
    order: list[tuple] = []
    for index, draft in drafts:
        key = draft.key()
        if key not in best:
            best[key] = (index, draft)
            order.append(key)
        elif draft.specificity() > best[key][1].specificity():
            best[key] = (index, draft)
    return [best[k] for k in order]


def _sketch(cf: CodedFrame) -> EventSketch:
    return EventSketch(cf.actor, cf.event, cf.mode, cf.recipient)


def _condition_clause(tok: Token) -> Token | None:
    """The if/unless clause that holds ``tok``, if any (up to the clause's head)."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ == "advcl" and _mark(cur) in ("if", "unless"):
            return cur
        if cur.dep_ in ("ccomp", "relcl", "parataxis"):
            return None
        cur = cur.head
    return None


def _mark(clause: Token) -> str:
    return next((c.lower_ for c in clause.children if c.dep_ == "mark"), "")


def _same_clause(tok: Token, head: Token) -> bool:
    cur = tok
    while cur.i != head.i and cur.head.i != cur.i:
        if cur.dep_ in ("advcl", "ccomp", "relcl", "parataxis"):
            return False
        cur = cur.head
    return True


def _warned_against(tok: Token, warning: Token) -> bool:
    """Is ``tok`` the action that ``warning`` warns against ("against supplying", "not to
    supply")?"""
    cur = tok
    while cur.head.i != cur.i and cur.i != warning.i:
        if cur.dep_ == "pcomp" and cur.head.lower_ in ("against", "from"):
            return True
        if cur.dep_ == "xcomp" and any(c.dep_ == "neg" for c in cur.children):
            return True
        if cur.dep_ in ("ccomp", "advcl", "relcl"):
            return False
        cur = cur.head
    return False


def _retaliation_cue(tok: Token, lemmatize: Callable[[str], str]) -> Token | None:
    """The noun or verb of retaliation whose "against/to/for" phrase holds ``tok``."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        head = cur.head
        if cur.dep_ == "pobj" and head.lower_ in ("against", "to", "for") and (
            lemmatize(head.head.lower_) in RETALIATION_NOUNS
        ):
            return head.head
        cur = head
    return None


def _linked_response(resp: Token, cue: Token, lemmatize: Callable[[str], str]) -> bool:
    """Is ``resp`` the action that ``cue`` (a retaliation noun) describes? It is when the
    cue's phrase hangs on the response's clause ("supply ... in response to", "retaliate by
    supplying ..., framing it as a countermeasure against")."""
    cur = cue
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.i == resp.i:
            return True
        if cur.pos_ in ("VERB", "AUX"):
            # the cue hangs on a verb: the response is that verb or its "by"-action
            if resp.is_ancestor(cue) or cur.is_ancestor(resp) or cur.head.is_ancestor(resp):
                return lemmatize(resp.lower_) not in ("frame", "highlight", "say")
            return False
    return False


def _condition_phrase(tok: Token, conditions: Sequence[tuple[str, ...]]) -> Token | None:
    """The preposition of "contingent on X" (the last word of a condition phrase, which its
    first word governs) within ``tok``'s phrase."""
    for t in tok.subtree:
        for phrase in conditions:
            if t.lower_ == phrase[0]:
                prep = _phrase_end(t, phrase)
                if prep is not None:
                    return prep
    return None


def _phrase_end(first: Token, phrase: tuple[str, ...]) -> Token | None:
    """The last word of ``phrase`` starting at ``first``: a child of ``first`` for two words
    ("contingent ... on"), else the words in a row under ``first`` ("in the event of")."""
    if len(phrase) == 2:
        return next((c for c in first.children if c.lower_ == phrase[1]), None)
    doc = first.doc
    end = first.i + len(phrase)
    if end > len(doc) or tuple(t.lower_ for t in doc[first.i:end]) != phrase:
        return None
    last = doc[end - 1]
    return last if first.is_ancestor(last) else None


def _alliance_trigger(tok: Token) -> Token | None:
    for t in tok.head.subtree:
        if t.lower_ in ALLIANCE_TRIGGERS:
            return t
    return None


def _unique(mentions: Sequence[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.code not in seen:
            seen.add(m.code)
            out.append(m)
    return out


def _unique_refs(refs: Sequence[ActorRef]) -> list[ActorRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.code not in seen:
            seen.add(r.code)
            out.append(r)
    return out
