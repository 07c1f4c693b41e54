"""Did it happen? Modality of a frame: negated / hypothetical / conditional / future /
intended, and who reported it.

Receives a frame's trigger token (in its parsed sentence); emits the set of modality flags,
the reporting actor and a trace of the cues that decided. The cue words are data
(``redline/modality/data/cues.tsv``); the mechanism walks from the trigger up through the
clauses that govern it ("are exploring options for supplying" -> options, exploring) and
collects the cues it meets on the way, stopping at a verb of speech, whose subject becomes
``reported_by``.

The table is the one home of these cue words: :class:`ModalityCues` also gives the commitment
stage its condition phrases and the date resolver its future and reporting words.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Token

# Dependencies along which a governing word's cues reach the trigger.
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "dobj", "advcl",
                            "oprd", "attr", "csubj", "nsubj", "appos", "amod"})
CLAUSAL_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "xcomp", "csubj", "parataxis"})


@dataclass(frozen=True)
class ModalityCues:
    """The cue table by role (``data/cues.tsv``)."""

    aux: dict[str, str]
    negation: frozenset[str]
    governor: dict[str, str]
    modifier: dict[str, str]
    mark: dict[str, str]
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    report: frozenset[str]
    report_forms: frozenset[str]  # forms of verbs of speech, matched in raw text
    timing: tuple[str, ...]  # words that put a date after publication, matched in raw text

    @cached_property
    def conditions(self) -> tuple[tuple[str, ...], ...]:
        """The phrases that make condition commitments: those flagged conditional."""
        return tuple(words for words, flag in self.phrases if flag == "conditional")

    @property
    def future_words(self) -> tuple[str, ...]:
        """The words that put a date after publication: future auxiliaries, timing words."""
        return tuple(w for w, flag in self.aux.items() if flag == "future") + self.timing


@dataclass
class Modality:
    flags: list[str] = field(default_factory=list)
    reporter: Token | None = None  # the verb of speech, whose subject reported it
    trace: list[str] = field(default_factory=list)

    @property
    def asserted(self) -> bool:
        return not self.flags

    def add(self, flag: str, why: str) -> None:
        if flag and flag not in self.flags:
            self.flags.append(flag)
            self.trace.append(f"{flag}: {why}")


def load_cues(path: Path | None = None) -> ModalityCues:
    if path is not None:
        text = path.read_text(encoding="utf-8")
    else:
        text = (resources.files("redline.modality") / "data" / "cues.tsv").read_text("utf-8")
    tables: dict[str, dict[str, str]] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
        cue, role, flag = row["cue"].strip().lower(), row["role"].strip(), (row["flag"] or "")
        if role == "phrase":
            phrases.append((tuple(cue.split()), flag.strip()))
        else:
            tables.setdefault(role, {})[cue] = flag.strip()
    return ModalityCues(
        aux=tables.get("aux", {}),
        negation=frozenset(tables.get("negation", {})),
        governor=tables.get("governor", {}),
        modifier=tables.get("modifier", {}),
        mark=tables.get("mark", {}),
        phrases=tuple(phrases),
        report=frozenset(tables.get("report", {})),
        report_forms=frozenset(tables.get("report_form", {})),
        timing=tuple(tables.get("timing", {})),
    )


@dataclass
class ModalityAnalyzer:
    cues: ModalityCues
    lemmatize: Callable[[str], str]
    _doc: Doc | None = None
    _doc_words: list[str] = field(default_factory=list)

    def analyze(self, trigger: Token) -> Modality:
        result = Modality()
        self._own(trigger, result)
        chain = self._chain(trigger, result)
        self._phrases(trigger, chain, result)
        if trigger.dep_ == "conj" and trigger.head.i != trigger.i:
            # "could supply and store weapons": the second verb shares the first's modality.
            head = self.analyze(trigger.head)
            for flag in head.flags:
                result.add(flag, f"shared with '{trigger.head.text}'")
            if result.reporter is None:
                result.reporter = head.reporter
        return result

    def _own(self, tok: Token, result: Modality) -> None:
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
        ):
            # "a maneuver to counter ...", "efforts to end ...": a purpose, not a fact
            result.add("intended", f"'to {tok.text}' says what '{tok.head.text}' is for")
        for child in tok.children:
            word = child.lower_
            if child.dep_ in ("neg", "det") and word in self.cues.negation:
                result.add("negated", f"'{child.text}' on '{tok.text}'")
            elif child.dep_ in ("aux", "auxpass") and word in self.cues.aux:
                result.add(self.cues.aux[word], f"'{child.text} {tok.text}'")
            elif child.dep_ in ("amod", "advmod") and word in self.cues.modifier:
                result.add(self.cues.modifier[word], f"'{child.text}' on '{tok.text}'")
            elif child.dep_ == "mark" and word in self.cues.mark:
                result.add(self.cues.mark[word], f"'{child.text}' opens the clause")
            elif child.dep_ == "advcl" and _marked(child, self.cues.mark) == "conditional":
                result.add("conditional", f"'{tok.text}' is the consequence of "
                                          f"'{_mark_word(child)} ...'")

    def _chain(self, trigger: Token, result: Modality) -> list[Token]:
        """Walk up the governors of the trigger, collecting cues; returns the chain.

        Clausal arguments share the modality of their governor ("could retaliate by
        supplying", "has the right to supply"); a noun in an adjunct phrase does not ("in
        response to the collaboration", "following the signing": those are presupposed),
        unless the phrase's owner is itself a cue ("discussions about arming", "options
        for supplying", "threat of sanctions")."""
        chain = [trigger]
        cur = trigger
        while cur.head.i != cur.i:
            dep, head = cur.dep_, cur.head
            if dep == "conj" or dep not in GOVERNING_DEPS:
                break
            if dep in ("pobj", "pcomp"):
                owner = self._through_preposition(cur, result)
                if owner is None:
                    break
                chain += [head, owner]
                cur = owner
                continue
            lemma = self.lemmatize(head.lower_)
            if head.pos_ in ("VERB", "AUX") and lemma in self.cues.report and dep == "ccomp":
                result.reporter = head
                result.trace.append(f"reported by the subject of '{head.text}'")
                break
            if dep in ("nsubj", "appos") and head.pos_ in ("VERB", "AUX"):
                # a subject is not governed by its verb's meaning ("talks resumed")
                break
            flag = self._governor_flag(head)
            negated_head = any(c.dep_ == "neg" for c in head.children)
            if flag == "negated" and negated_head:
                # "did not hesitate to strike", "did not fail to": two negations cancel
                result.trace.append(f"'not {head.text}' cancels out")
                self._clause_cues(head, dep, result, skip_negation=True)
            else:
                if flag:
                    result.add(flag, f"governed by '{head.text}'")
                self._clause_cues(head, dep, result)
            chain.append(head)
            cur = head
        return chain

    def _through_preposition(self, cur: Token, result: Modality) -> Token | None:
        """From a prepositional object to the word the phrase belongs to, or ``None`` when
        the phrase is a presupposing adjunct and the walk must stop."""
        prep = cur.head
        owner = prep.head
        if prep.dep_ not in ("prep", "agent") or owner.i == prep.i:
            return None
        prep_flag = self.cues.governor.get(prep.lower_, "")
        owner_flag = self._governor_flag(owner)
        if not owner_flag:
            # "issued a warning ... against supplying": a light verb's object governs
            obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
            if obj is not None and self._governor_flag(obj):
                owner, owner_flag = obj, self._governor_flag(obj)
        means = cur.dep_ == "pcomp" and prep.lower_ in ("by", "through", "via")
        if not (prep_flag or owner_flag or means):
            return None
        if prep_flag:
            result.add(prep_flag, f"governed by '{prep.text}'")
        if owner_flag:
            result.add(owner_flag, f"governed by '{owner.text}'")
        self._clause_cues(owner, "pcomp", result)
        return owner

    def _governor_flag(self, head: Token) -> str:
        return (self.cues.governor.get(self.lemmatize(head.lower_))
                or self.cues.governor.get(head.lower_) or "")

    def _clause_cues(self, head: Token, dep: str, result: Modality,
                     skip_negation: bool = False) -> None:
        """Negation, modal auxiliaries, "if" and hedging adverbs of a governing clause."""
        if head.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
            return
        shares_modality = dep in ("xcomp", "csubj", "pcomp", "acl", "dobj", "oprd")
        for child in head.children:
            word = child.lower_
            if child.dep_ == "neg" and word in self.cues.negation and shares_modality and \
                    not skip_negation:
                result.add("negated", f"'{child.text} {head.text}'")
            elif child.dep_ == "aux" and word in self.cues.aux and shares_modality:
                result.add(self.cues.aux[word], f"'{child.text} {head.text}'")
            elif child.dep_ == "mark" and word in self.cues.mark:
                result.add(self.cues.mark[word], f"'{child.text}' opens the clause of "
                                                 f"'{head.text}'")
            elif child.dep_ == "advmod" and word in self.cues.modifier and shares_modality:
                result.add(self.cues.modifier[word], f"'{child.text} {head.text}'")

    def _phrases(self, trigger: Token, chain: list[Token], result: Modality) -> None:
        """Multi-word cues ("contingent on", "in the event of") anywhere under the chain."""
        doc = trigger.doc
        words = self._words(doc)
        present = set(words)
        members = {t.i for t in chain}
        for phrase, flag in self.cues.phrases:
            if not all(w in present for w in phrase):
                continue
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) == phrase and _attached_to(doc[i], members):
                    result.add(flag, f"'{' '.join(phrase)}'")

    def _words(self, doc: Doc) -> list[str]:
        """Lower-case words of the sentence, computed once per sentence."""
        if self._doc is not doc:
            self._doc, self._doc_words = doc, [t.lower_ for t in doc]
        return self._doc_words


def _marked(clause: Token, marks: dict[str, str]) -> str:
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in marks:
            return marks[child.lower_]
    return ""


def _mark_word(clause: Token) -> str:
    return next((c.text for c in clause.children if c.dep_ == "mark"), "")


def _attached_to(cue: Token, members: set[int]) -> bool:
    """Is ``cue`` inside the phrase of one of ``members`` without crossing into another
    clause?"""
    cur = cue
    while cur.head.i != cur.i:
        if cur.dep_ in CLAUSAL_DEPS:
            return False
        cur = cur.head
        if cur.i in members:
            return True
    return False
