"""Predicate frames from the dependency parse: trigger, source actors, recipient actors.

Receives a parsed sentence (spaCy ``Doc``) and the sentence's actor mentions; emits
:class:`Frame` objects (typed by the verb lexicon) and :class:`~redline.records.Dropped`
records for every trigger that did not become a frame, with the reason.

Triggers are verbs of the lexicon and eventive nouns ("the signing of", "his visit to").
Sources come from the subject (or the "by" phrase of a passive, the possessive or the
national adjective of a noun, the subject of a light verb: "issued a warning"), or are
inherited from the governing clause ("by summoning", "decides to supply", "X and then Y");
recipients from the object and from "to", "against", "with", "on" ... phrases. When the
object is not an actor, actors inside it count ("condemned the Moscow-Pyongyang
agreement"). Conjoined actors make one frame with a list, PLOVER style.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from redline.actors.mentions import Mention
from redline.events.lexicon import NO_CODE, LexiconMatch, VerbLexicon
from redline.ontology import CameoEntry, Ontology

# "Speaking at a UN meeting", "said during the talks": a meeting after these prepositions,
# attached to a verb, is the scene of that verb's event, not an event of its own (a meeting
# that is a subject or an object is one; an attack "during" which someone was killed too).
SETTING_PREPOSITIONS = frozenset({"at", "during"})
# Verbs whose object noun carries the event: "issued a warning", "paid a visit".
LIGHT_VERBS = frozenset(
    "issue make give launch carry conduct hold pay take express voice lodge file deliver "
    "stage mount extend offer level begin start continue step".split()
)
RECIPIENT_PREPS = ("to", "against", "with", "on", "at", "toward", "towards", "into", "upon")
WEAK_RECIPIENT_PREPS = ("for", "from", "over", "of")
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Children whose subtrees are not part of a verb's complements for pattern matching.
NOT_COMPLEMENT = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "ccomp", "advcl", "conj", "cc", "punct",
     "mark", "relcl", "parataxis", "appos", "aux", "auxpass", "neg", "expl", "dep", "agent"}
)
# CAMEO roots (and codes) of events that are naturally between parties, not from one to another.
RECIPROCAL_PREFIXES = ("03", "04", "057", "06", "046", "036", "037")
# Threats, promises and refusals: aimed at the target of the act they are about.
COMMISSIVE_TYPES = frozenset({"THREATEN", "AGREE", "REJECT"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# "warned X against V-ing", "accused X of V-ing", "praised X for V-ing": X is the agent.
OBJECT_CONTROL_PREPS = frozenset({"against", "from", "of", "for", "with"})
# Verbs whose object noun is an action of the verb's subject ("explore options for",
# "announce sanctions"), beyond the light verbs.
AGENT_PASSING_VERBS = frozenset(
    "announce approve authorize authorise order plan propose consider explore weigh "
    "discuss prepare unveil impose adopt pledge promise threaten intensify escalate "
    "resume continue expand step halt suspend end stop".split()
)
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


def tag_allows(tags: Sequence[str], candidates: Sequence[tuple[int, bool, bool]]) -> bool:
    """After tagging, before parsing: can any candidate still become a frame?"""
    return any((as_verb and tags[i] in VERB_TAGS) or (as_noun and tags[i] in NOUN_TAGS)
               for i, as_verb, as_noun in candidates)
# Nouns whose national modifier names the other side: "Western adversaries" are not the West.
RELATIONAL_NOUNS = frozenset({"adversary", "enemy", "rival", "opponent", "foe", "critic",
                              "detractor", "adversaries", "enemies", "rivals", "opponents",
                              "foes", "critics"})


@dataclass(frozen=True)
class Via:
    """How a role was found: the words the trace shows and, apart from them, whether the
    role was inherited from a governing clause ("decided to supply": the deciding's
    subject), which lowers the event's confidence."""

    text: str
    inherited: bool = False

    def __str__(self) -> str:
        return self.text


NO_VIA = Via("")


@dataclass
class Frame:
    trigger: Token
    kind: str  # "verb" | "noun"
    lemma: str  # the lexicon lemma that typed it (a noun's verb, when it has one)
    match: LexiconMatch
    cameo: CameoEntry
    sources: list[Mention]
    recipients: list[Mention]
    complements: list[Token]
    trace: list[str] = field(default_factory=list)
    absorbed: list[Token] = field(default_factory=list)  # light verbs folded into this frame
    score: float | None = None  # the pair model's probability that this is an event
    inherited: bool = False  # a role (source or recipient) came from a governing clause

    @property
    def span(self) -> tuple[int, int]:
        return self.trigger.idx, self.trigger.idx + len(self.trigger.text)


@dataclass(frozen=True)
class Candidate:
    """A trigger token that did not become a frame, with the reason."""

    token: Token
    reason: str


@dataclass
class FrameBuilder:
    """Builds frames for one parsed sentence."""

    doc: Doc
    mentions: Sequence[Mention]
    lexicon: VerbLexicon
    ontology: Ontology
    candidates: Sequence[tuple[int, bool, bool]]  # from VerbLexicon.trigger_candidates
    dropped: list[Candidate] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_token: dict[int, list[Mention]] = {}
        for m in self.mentions:
            m = _agent_as_adjective(m, self.doc)
            for i in range(m.start, m.end):
                self._by_token.setdefault(i, []).append(m)
        self._agent_cache: dict[int, tuple[list[Mention], Via]] = {}

    # -- public --------------------------------------------------------------------------
    def build(self) -> list[Frame]:
        frames: list[Frame] = []
        for index, as_verb, as_noun in self.candidates:
            frame = self._frame_for(self.doc[index], as_verb, as_noun)
            if frame is not None:
                frames.append(frame)
        # A light verb whose object is an event noun gives the noun its subject and is not
        # an event of its own.
        nouns = {f.trigger.i: f for f in frames if f.kind == "noun"}
        kept: list[Frame] = []
        for frame in frames:
            if frame.kind == "verb" and frame.lemma in LIGHT_VERBS:
                obj = next((c for c in frame.trigger.children if c.dep_ == "dobj"), None)
                if obj is not None and obj.i in nouns:
                    nouns[obj.i].absorbed.append(frame.trigger)
                    self.dropped.append(Candidate(frame.trigger,
                                                  f"light verb: the event is '{obj.text}'"))
                    continue
            kept.append(frame)
        # "imposed new sanctions": one event, typed by the verb's pattern, not two
        verbs_by_object = {c.i: f for f in kept if f.kind == "verb"
                           for c in f.trigger.children if c.dep_ == "dobj"}
        deduped = []
        for frame in kept:
            verb = verbs_by_object.get(frame.trigger.i)
            if frame.kind == "noun" and verb is not None and \
                    verb.cameo.plover == frame.cameo.plover:
                self.dropped.append(Candidate(frame.trigger, f"the same event as "
                                                             f"'{verb.trigger.text}'"))
                continue
            deduped.append(frame)
        kept = deduped
        result = []
        for frame in kept:
            self._finish_roles(frame)
            if not frame.sources and not frame.recipients:
                self.dropped.append(Candidate(frame.trigger, "no actor found for this event"))
                continue
            result.append(frame)
        return result

    # -- typing --------------------------------------------------------------------------
    def _frame_for(self, tok: Token, as_verb: bool, as_noun: bool) -> Frame | None:
        """Trigger acceptance uses the tag (not the parse), so that the coder can skip the
        parser for sentences whose candidates are tagged otherwise; see ``tag_allows``."""
        lemma = self.lexicon.lemmatize(tok.lower_)
        if as_verb and tok.tag_ in VERB_TAGS and tok.dep_ not in ("aux", "auxpass"):
            return self._verb_frame(tok, lemma)
        if as_noun and tok.tag_ in NOUN_TAGS:
            return self._noun_frame(tok, lemma)
        self.dropped.append(Candidate(tok, f"'{tok.text}' is tagged {tok.tag_} ({tok.pos_}) "
                                           "here, not a trigger"))
        return None

    def _verb_frame(self, tok: Token, lemma: str) -> Frame | None:
        if tok.dep_ == "amod":
            self.dropped.append(Candidate(tok, "participle used as an adjective"))
            return None
        particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), "")
        if particle and self.lexicon.has_verb(f"{lemma} {particle}"):
            lemma = f"{lemma} {particle}"
        if not self.lexicon.has_verb(lemma):
            self.dropped.append(Candidate(tok, f"no verb entry for '{lemma}'"))
            return None
        complements = self._complements(tok)
        subject = self._subject_tokens(tok)
        has_dobj = any(c.dep_ in ("dobj", "dative") for c in tok.children)
        match = self.lexicon.code(lemma, self._lemmas(subject), self._lemmas(complements),
                                  has_dobj=has_dobj)
        return self._typed(tok, "verb", lemma, match, complements)

    def _noun_frame(self, tok: Token, lemma: str) -> Frame | None:
        lemma = self._nominal_phrase(tok, lemma) or lemma
        nominal = self.lexicon.nominals.get(lemma)
        if nominal is None:
            self.dropped.append(Candidate(tok, f"'{tok.text}' is an event noun only in a "
                                               "longer phrase, absent here"))
            return None
        if tok.dep_ == "compound":
            self.dropped.append(Candidate(tok, "noun modifies another noun"))
            return None
        if tok.dep_ in ("attr", "acomp", "oprd") or (
            tok.dep_ == "pobj" and tok.head.lower_ == "as"
        ):
            self.dropped.append(Candidate(tok, "predicative noun (describes, does not report)"))
            return None
        if "object-only" in nominal.note:
            self.dropped.append(Candidate(tok, f"'{tok.text}' is an event only as an object"))
            return None
        complements = self._complements(tok, noun=True)
        match: LexiconMatch | None = None
        if nominal.verb:
            has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
            match = self.lexicon.code(nominal.verb, [], self._lemmas(complements),
                                      has_dobj=has_of)
        if match is None and nominal.cameo:
            match = LexiconMatch(nominal.cameo, f"noun '{lemma}' (nominals.tsv)", False)
        frame = self._typed(tok, "noun", nominal.verb or lemma, match, complements)
        if frame is not None and frame.cameo.plover == "CONSULT" and tok.dep_ == "pobj" and \
                tok.head.lower_ in SETTING_PREPOSITIONS and tok.head.head.pos_ in ("VERB", "AUX"):
            self.dropped.append(Candidate(tok, f"the setting of '{tok.head.head.text}' "
                                               f"('{tok.head.text} ...'), not an event of "
                                               "its own"))
            return None
        return frame

    def _nominal_phrase(self, tok: Token, lemma: str) -> str | None:
        """The nominal of several words that ``tok`` heads here, if any: its words in a
        row around ``tok`` ("air strikes", "show of force") or, for two words, the first
        modifying ``tok`` ("joint naval drills": "joint drill"). Of several, the one that
        starts first: the outer modifier ("joint military drills" are joint drills)."""
        found: list[tuple[int, str]] = []
        for words, key in self.lexicon.phrases_of(lemma):
            start = tok.i - words.index(lemma)
            end = start + len(words)
            if start >= 0 and end <= len(self.doc) and all(
                    self.lexicon.lemmatize(t.lower_) == w
                    for t, w in zip(self.doc[start:end], words, strict=True)):
                found.append((start, key))
            elif len(words) == 2 and words[1] == lemma:
                found += [(c.i, key) for c in tok.children
                          if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i
                          and self.lexicon.lemmatize(c.lower_) == words[0]]
        return min(found)[1] if found else None

    def _typed(self, tok: Token, kind: str, lemma: str, match: LexiconMatch | None,
               complements: list[Token]) -> Frame | None:
        if match is None:
            self.dropped.append(Candidate(tok, f"no pattern matched and '{lemma}' has no "
                                               "default code"))
            return None
        if match.cameo in (NO_CODE, ""):
            self.dropped.append(Candidate(tok, f"not coded by {match.rule}"))
            return None
        entry = self.ontology.cameo(match.cameo)
        if entry is None or not entry.plover:
            self.dropped.append(Candidate(tok, f"CAMEO {match.cameo} ({match.rule}) has no "
                                               "PLOVER event type"))
            return None
        frame = Frame(tok, kind, lemma, match, entry, [], [], complements)
        frame.trace.append(f"type {entry.plover} from CAMEO {match.cameo} by {match.rule}")
        return frame

    def complements(self, tok: Token, noun: bool = False) -> list[Token]:
        """Tokens a pattern may match after ``tok`` (and, for nouns, its modifiers)."""
        return self._complements(tok, noun)

    def _complements(self, tok: Token, noun: bool = False) -> list[Token]:
        """Tokens a pattern may match after the trigger (and, for nouns, its modifiers)."""
        out: list[Token] = []
        for child in tok.children:
            if child.dep_ in NOT_COMPLEMENT:
                continue
            if noun and child.dep_ in ("poss", "det", "acl"):
                continue
            if not noun and child.i < tok.i and child.dep_ not in ("prt",):
                continue
            out.extend(_pruned_subtree(child))
        if not noun and not any(c.dep_ == "dobj" for c in tok.children):
            # "supply and store weapons": the object of the second verb is shared
            for conj in tok.conjuncts:
                for child in conj.children:
                    if child.dep_ == "dobj" and child.i > tok.i:
                        out.extend(_pruned_subtree(child))
        out.sort(key=lambda t: t.i)
        return out

    def _subject_tokens(self, tok: Token) -> list[Token]:
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS:
                return list(child.subtree)
        return []

    def _lemmas(self, tokens: Sequence[Token]) -> list[str]:
        return [self.lexicon.lemmatize(t.lower_) for t in tokens if not t.is_punct]

    # -- roles ---------------------------------------------------------------------------
    def _finish_roles(self, frame: Frame) -> None:
        tok = frame.trigger
        sources, s_via = self.agent_of(tok)
        if frame.kind == "verb":
            recipients, r_via = self._verb_recipients(tok, sources)
        else:
            recipients, r_via = self._noun_recipients(tok, sources)
            for light in frame.absorbed:
                if not recipients:
                    # "issued a warning to South Korea": the phrase hangs on the light verb
                    recipients, r_via = self._verb_recipients(light, sources)
        if frame.kind == "noun" and not sources and recipients:
            # "the visit of Prime Minister Modi to Washington": with a target named
            # elsewhere, the "of" phrase is the visitor
            of_actors = [m for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"
                         for m in self.np_actors(p, inner=False)]
            of_actors = [m for m in of_actors if m not in recipients]
            if of_actors:
                sources, s_via = of_actors, Via("'of' phrase of the noun")
        pair, p_via = self._between(tok)
        if pair and not sources:
            sources, s_via = pair[:1], p_via
            recipients, r_via = pair[1:] + recipients, p_via
        recipients = [r for r in recipients if not _same_actor(r, sources)]
        if not recipients:
            inherited, via = self._inherited_recipients(tok)
            recipients = [r for r in inherited if not _same_actor(r, sources)]
            if recipients:
                r_via = via
        if not recipients and frame.kind == "verb" and frame.cameo.plover in COMMISSIVE_TYPES:
            aimed, via = self._complement_recipients(tok, sources)
            recipients = [r for r in aimed if not _same_actor(r, sources)]
            if recipients:
                r_via = via
        if not recipients and len({m.code for m in sources}) > 1 and _reciprocal(frame):
            first = sources[0]
            recipients = [m for m in sources if m.code != first.code]
            sources = [m for m in sources if m.code == first.code]
            r_via = Via("reciprocal event: the other party")
        if frame.match.reverse:
            # "Kenya received tanks from China": the code is the object's act (China's aid)
            # toward the subject
            sources, recipients, s_via, r_via = recipients, sources, r_via, s_via
            frame.trace.append(f"roles reversed: {frame.match.rule} codes the other party's "
                               "act toward the subject")
        frame.sources = _dedupe(sources)
        frame.recipients = _dedupe(recipients)
        frame.inherited = bool((frame.sources and s_via.inherited)
                               or (frame.recipients and r_via.inherited))
        if frame.sources:
            frame.trace.append(f"source {_codes(frame.sources)} from {s_via}")
        if frame.recipients:
            frame.trace.append(f"recipient {_codes(frame.recipients)} from {r_via}")

    def agent_of(self, tok: Token) -> tuple[list[Mention], Via]:
        """Who does what ``tok`` denotes: its own subject or the governing clause's."""
        cached = self._agent_cache.get(tok.i)
        if cached is None:
            self._agent_cache[tok.i] = ([], Via("no subject"))  # guards cycles
            cached = self._agent_uncached(tok)
            self._agent_cache[tok.i] = cached
        return cached

    def _agent_uncached(self, tok: Token) -> tuple[list[Mention], Via]:
        children = list(tok.children)
        for child in children:
            if child.dep_ == "agent":  # passive "by" phrase
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.np_actors(pobj, inner=False)
                        if found:
                            return found, Via(f"passive agent 'by {_phrase(pobj)}'")
        for child in children:
            if child.dep_ == "nsubj":
                if child.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                    found = self.np_actors(tok.head)
                    if found:
                        return found, Via(f"relative clause on '{tok.head.text}'")
                found = self.np_actors(child, inner=False)
                if found:
                    return found, Via(f"subject '{_phrase(child)}'")
                return [], Via(f"subject '{_phrase(child)}' is not an actor")
            if child.dep_ in ("nsubjpass", "csubj", "csubjpass"):
                return [], Via("passive or clausal subject")
        if tok.pos_ in ("NOUN", "PROPN"):
            for child in children:
                if child.dep_ == "poss" or (child.dep_ in ("amod", "compound", "nmod")
                                            and child.i < tok.i):
                    found = self.np_actors(child, inner=False)
                    if found:
                        return found, Via(f"{child.dep_} '{child.text}' of '{tok.text}'")
                if child.dep_ == "prep" and child.lower_ == "by":
                    for pobj in child.children:
                        found = self.np_actors(pobj, inner=False)
                        if found:
                            return found, Via(f"'by {_phrase(pobj)}'")
        return self._governor_agent(tok)

    def _governor_agent(self, tok: Token) -> tuple[list[Mention], Via]:
        dep, head = tok.dep_, tok.head
        if head.i == tok.i or dep in ("csubj", "csubjpass", "nsubj", "nsubjpass", "ccomp"):
            return [], Via("no subject")
        if dep == "pobj":
            return self._pobj_governor(tok)
        if dep == "xcomp" and any(c.dep_ in ("dobj", "dative") for c in head.children):
            # "urged member states to send ...": the object does it, actor or not
            controller = self._object_actors(head)
            return controller, Via(f"object of '{head.text}' (object control)")
        if dep == "pcomp" and head.lower_ in OBJECT_CONTROL_PREPS:
            # "warned X against supplying", "accused X of harassing": X does it
            controller = self._object_actors(head.head)
            if controller:
                return controller, Via(f"'{head.head.text} X {head.text} ...': X does it")
        if dep == "dobj" and not self._passes_agent(head):
            return [], Via(f"object of '{head.text}', whose subject is not its agent")
        if dep in ("conj", "xcomp", "advcl", "pcomp", "acl", "dobj", "prep"):
            found, via = self.agent_of(head)
            if found:
                return found, Via(f"inherited from '{head.text}' ({via})", inherited=True)
        return [], Via("no subject")

    def _passes_agent(self, verb: Token) -> bool:
        """Does the subject of ``verb`` also do what its object noun denotes? Yes for light
        verbs ("launched an attack") and verbs of planning ("explores options for"), no
        for others ("condemned the coup": the coup is someone else's)."""
        lemma = self.lexicon.lemmatize(verb.lower_)
        return lemma in LIGHT_VERBS or lemma in AGENT_PASSING_VERBS

    def _pobj_governor(self, tok: Token) -> tuple[list[Mention], Via]:
        """A noun inside a prepositional phrase: "options for supplying" -> the options'."""
        prep = tok.head
        if prep.dep_ == "prep" and prep.head.i != prep.i:
            owner = prep.head
            if owner.pos_ in ("NOUN", "PROPN") and owner.dep_ in ("dobj", "nsubj"):
                found, via = self.agent_of(owner)
                if found:
                    return found, Via(f"inherited from '{owner.text}' ({via})", inherited=True)
        return [], Via("no subject")

    def _object_actors(self, tok: Token) -> list[Mention]:
        """Actors of the direct object or "to"-recipient of ``tok``."""
        for child in tok.children:
            if child.dep_ in ("dobj", "dative"):
                found = self.np_actors(child, inner=False)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ in ("to", "on"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.np_actors(pobj, inner=False)
                        if found:
                            return found
        return []

    def _verb_recipients(self, tok: Token, exclude: Sequence[Mention] = ()
                         ) -> tuple[list[Mention], Via]:
        """The target: the object (or actors inside it), else a "to/against/with/on ..."
        phrase of the verb or of its object; ``exclude`` (the source) is never the target."""
        objects = [c for c in tok.children if c.dep_ in ("dobj", "dative", "nsubjpass", "attr")]
        for child in objects:
            # a passive subject's inner actors are not the target ("the visit of X was
            # postponed"); an object's are ("condemned the Moscow-Pyongyang agreement")
            found = _without(self.np_actors(child, inner=child.dep_ != "nsubjpass"), exclude)
            if found:
                return found, Via(f"{child.dep_} '{_phrase(child)}'")
        # "sanctions on Iran" after "imposed": the object's own phrase names the target
        preps = [c for c in tok.children if c.dep_ == "prep"]
        preps += [p for o in objects if o.dep_ == "dobj" for p in o.children if p.dep_ == "prep"]
        return self._prep_recipients(preps, exclude)

    def _noun_recipients(self, tok: Token, exclude: Sequence[Mention] = ()
                         ) -> tuple[list[Mention], Via]:
        return self._prep_recipients([c for c in tok.children
                                      if c.dep_ == "prep" and c.lower_ != "by"], exclude)

    def _prep_recipients(self, preps: Sequence[Token], exclude: Sequence[Mention]
                         ) -> tuple[list[Mention], Via]:
        """The actors of the first recipient preposition ("to", "against" ...), else of the
        first weak one ("with", "on" ...), with the phrase as the reason."""
        weak: tuple[list[Mention], Via] = ([], NO_VIA)
        for child in preps:
            found = _without(self._prep_actors(child), exclude)
            if found and child.lower_ in RECIPIENT_PREPS:
                return found, Via(f"'{_phrase(child)}'")
            if found and child.lower_ in WEAK_RECIPIENT_PREPS and not weak[0]:
                weak = (found, Via(f"'{_phrase(child)}'"))
        return weak

    def _prep_actors(self, prep: Token) -> list[Mention]:
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                return self.np_actors(pobj, inner=prep.lower_ not in ("in", "at"))
        return []

    def _between(self, tok: Token) -> tuple[list[Mention], Via]:
        """Parties of "between X and Y", on the trigger or on its object."""
        heads = [tok] + [c for c in tok.children if c.dep_ in ("dobj",)]
        heads += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "between":
                    found = self._prep_actors(child)
                    if len({m.code for m in found}) >= 2:
                        return found, Via(f"'{_phrase(child)}'")
        return [], NO_VIA

    def _complement_recipients(self, tok: Token, sources: Sequence[Mention]
                               ) -> tuple[list[Mention], Via]:
        """The act a verb threatens, promises or refuses is aimed at the party the verb is:
        "threatened to strike Ukraine", "pledged to defend the Philippines". (A request
        has an addressee of its own: "called on the member states to recognise Guaido" is
        not aimed at Venezuela.)"""
        for child in tok.children:
            if child.dep_ == "xcomp" and _to_infinitive(child):
                found, via = self._verb_recipients(child, sources)
                if found:
                    return found, Via(f"the act it is about, '{child.text}' ({via})",
                                      inherited=via.inherited)
        return [], NO_VIA

    def _inherited_recipients(self, tok: Token) -> tuple[list[Mention], Via]:
        """A purpose clause or a second verb addresses the same party: "summoned the
        ambassador to protest", "protested the deal and demanded ..."."""
        dep, head = tok.dep_, tok.head
        if dep == "conj" or (dep in ("advcl", "xcomp") and _to_infinitive(tok)):
            found, via = self._verb_recipients(head)
            if not found and dep == "conj":
                found, via = self._inherited_recipients(head)
            if found:
                return found, Via(f"inherited from '{head.text}' ({via})", inherited=True)
        return [], NO_VIA

    def np_actors(self, head: Token, inner: bool = True) -> list[Mention]:
        """Actors a noun phrase names: the mention on its head (and conjoined heads); with
        ``inner``, actors inside a phrase that is not itself an actor ("the Moscow-Pyongyang
        agreement", "the deal between X and Y")."""
        found: list[Mention] = []
        for tok in [head, *head.conjuncts]:
            found += self._by_token.get(tok.i, [])
        if found or not inner or self.lexicon.lemmatize(head.lower_) in RELATIONAL_NOUNS:
            return _dedupe(found)
        for child in head.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < head.i:
                # "the Moscow-Pyongyang agreement": every actor among the modifiers
                for tok in child.subtree:
                    found += self._by_token.get(tok.i, [])
            elif child.dep_ == "prep" and child.lower_ in ("of", "between"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found += self.np_actors(pobj, inner=False)
        return _dedupe(found)


def _agent_as_adjective(m: Mention, doc: Doc) -> Mention:
    """"Western military aid": the agent word is an adjective here, so the mention names
    the West, not its military."""
    last = doc[m.end - 1]
    if m.kind == "agent" and m.sector and last.pos_ == "ADJ":
        return replace(m, sector="", kind="country")
    return m


def _pruned_subtree(tok: Token) -> list[Token]:
    """``tok``'s subtree without clauses of their own ("retaliate by [supplying weapons]":
    the weapons are the supplying's, not the retaliation's) and without phrases nested in a
    prepositional object ("come on the heels of [his visit to North Korea]")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in ("pcomp", "advcl", "relcl", "ccomp") and child.pos_ in ("VERB", "AUX"):
            continue
        if tok.dep_ == "pobj" and child.dep_ == "prep":
            continue
        out.extend(_pruned_subtree(child))
    return out


def _reciprocal(frame: Frame) -> bool:
    return frame.cameo.code.startswith(RECIPROCAL_PREFIXES)


def _without(found: list[Mention], exclude: Sequence[Mention]) -> list[Mention]:
    return [m for m in found if not _same_actor(m, exclude)]


def _same_actor(m: Mention, others: Sequence[Mention]) -> bool:
    return any(o.code == m.code and (not o.sector or not m.sector or o.sector == m.sector)
               for o in others)


def _dedupe(mentions: Sequence[Mention]) -> list[Mention]:
    seen: set[tuple[str, str, int]] = set()
    out = []
    for m in mentions:
        key = (m.code, m.sector, m.char_start)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _phrase(tok: Token) -> str:
    words = [t.text for t in tok.subtree]
    text = " ".join(words)
    return text if len(text) <= 60 else text[:57] + "..."


def _codes(mentions: Sequence[Mention]) -> str:
    return ",".join(f"{m.code}{m.sector}" for m in mentions)
