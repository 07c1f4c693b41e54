"""The attribute ruler's part-of-speech rules, applied without spaCy's Matcher.

The packaged pipeline's ``attribute_ruler`` maps fine tags to coarse parts of speech
(``NNS`` -> ``NOUN``) with about 180 Matcher rules, a few of them on words or dependencies
("that" as ``WDT`` -> ``PRON``; an ``aux`` -> ``AUX``). Running the Matcher over every
token took about a third of the whole pipeline's time here (docs/PERFORMANCE.md); redline
reads only the part of speech (its lemmas are its own), so this module indexes the same
rules by the tag and word they need and applies them over the Doc's arrays. The rules are
read from the loaded ruler, not copied, and applied with its precedence (a later rule
wins). A rule of a form this module does not know makes ``compile_pos_rules`` return None,
and the ruler stays in the pipeline.
``tests/test_pos_rules.py`` checks that both give the same parts of speech on news text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

COMPONENT = "redline_pos_rules"
RULER = "attribute_ruler"
ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what a rule may test, in array order
Test = Callable[[int], bool]


@dataclass(frozen=True)
class PosRule:
    """One rule: its order, the tests of each of its tokens (attribute column, test on the
    value's id), the token it sets (``index``), and what it sets: a part of speech, and for
    whitespace also the tag (ids)."""

    order: int
    tests: tuple[tuple[tuple[int, Test], ...], ...]
    index: int
    pos: int
    tag: int | None


@dataclass(frozen=True)
class PosRules:
    """The rules indexed for a quick look-up: the rule a tag alone decides, then the rules
    that can still overrule it (a later rule wins), by the word or tag they need."""

    by_tag: dict[int, PosRule]  # the last rule whose only test is this tag
    by_word: dict[int, tuple[PosRule, ...]]  # rules that need this word (lower case)
    by_tag_also: dict[int, tuple[PosRule, ...]]  # other tests besides this tag
    anywhere: tuple[PosRule, ...]  # the others, tried on every token

    def apply(self, doc: Doc) -> None:
        """Set each token's part of speech (and the tag of whitespace) as the ruler
        would."""
        if not len(doc):
            return
        rows = doc.to_array(list(ATTRS)).tolist()
        pos = doc.to_array(["POS"]).tolist()
        tags = [row[0] for row in rows]
        changed_tag = False
        for i, row in enumerate(rows):
            found = self.by_tag.get(row[0])
            for rule in (*self.by_word.get(row[1], ()), *self.by_tag_also.get(row[0], ()),
                         *self.anywhere):
                if (found is None or rule.order > found.order) and _matches(rows, i, rule):
                    found = rule
            if found is not None:
                pos[i] = found.pos
                if found.tag is not None:
                    tags[i], changed_tag = found.tag, True
        if changed_tag:
            doc.from_array(["TAG"], _column(tags))
        doc.from_array(["POS"], _column(pos))


def _column(values: list[int]) -> Any:
    return numpy.array(values, dtype="uint64").reshape(-1, 1)


def _matches(rows: list[list[int]], i: int, rule: PosRule) -> bool:
    start = i - rule.index
    if start < 0 or start + len(rule.tests) > len(rows):
        return False
    return all(test(rows[start + k][column])
               for k, tests in enumerate(rule.tests) for column, test in tests)


def compile_pos_rules(patterns: Sequence[dict[str, Any]], strings: Any) -> PosRules | None:
    """The ruler's rules that set a part of speech, by the tag they need; None when a rule
    has a form not handled here (then the ruler must stay). ``strings`` is the vocab's
    string store (ids of tags, words and labels)."""
    from spacy.parts_of_speech import IDS as POS_IDS

    by_tag: dict[int, PosRule] = {}
    by_word: dict[int, list[PosRule]] = {}
    by_tag_also: dict[int, list[PosRule]] = {}
    anywhere: list[PosRule] = []
    for order, entry in enumerate(patterns):
        attrs = entry["attrs"]
        if "POS" not in attrs and "TAG" not in attrs:
            continue  # lemmas and morphology: redline reads neither
        if set(attrs) - {"POS", "TAG", "MORPH", "LEMMA"} or len(entry["patterns"]) != 1 \
                or "POS" not in attrs or attrs["POS"] not in POS_IDS:
            return None
        tests: list[tuple[tuple[int, Test], ...]] = []
        for token in entry["patterns"][0]:
            compiled = []
            for attr, value in token.items():
                test = _test(attr, value, strings)
                if attr not in ATTRS or test is None:
                    return None
                compiled.append((ATTRS.index(attr), test))
            tests.append(tuple(compiled))
        index = int(entry.get("index", 0))
        if index < 0:
            index += len(tests)
        rule = PosRule(order, tuple(tests), index, POS_IDS[attrs["POS"]],
                       strings.add(attrs["TAG"]) if "TAG" in attrs else None)
        token = dict(entry["patterns"][0][index])
        tag_value, word_value = token.get("TAG"), token.get("LOWER")
        if isinstance(tag_value, str) and len(tests) == 1 and set(token) == {"TAG"}:
            by_tag[strings.add(tag_value)] = rule  # later rules come later: the last wins
        elif isinstance(word_value, str) or (isinstance(word_value, dict)
                                             and set(word_value) == {"IN"}):
            for word in ([word_value] if isinstance(word_value, str) else word_value["IN"]):
                by_word.setdefault(strings.add(word), []).append(rule)
        elif isinstance(tag_value, str) or (isinstance(tag_value, dict)
                                            and set(tag_value) == {"IN"}):
            for tag in ([tag_value] if isinstance(tag_value, str) else tag_value["IN"]):
                by_tag_also.setdefault(strings.add(tag), []).append(rule)
        else:
            anywhere.append(rule)
    return PosRules(by_tag, {w: tuple(r) for w, r in by_word.items()},
                    {t: tuple(r) for t, r in by_tag_also.items()}, tuple(anywhere))


def _test(attr: str, value: Any, strings: Any) -> Test | None:
    """A test on an attribute's id: strings by their hash ("" is 0), flags as 0/1."""
    def key(v: Any) -> int:
        if attr == "IS_SPACE":
            return int(bool(v))
        return 0 if v == "" else int(strings.add(v))

    if isinstance(value, (str, bool)):
        wanted = key(value)
        return lambda v: v == wanted
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        members = frozenset(key(v) for v in arg) if op in ("IN", "NOT_IN") else None
        if op == "IN" and members is not None:
            return lambda v: v in members
        if op == "NOT_IN" and members is not None:
            return lambda v: v not in members
    return None


def use_pos_rules(nlp: Language) -> bool:
    """Replace the pipeline's attribute ruler by its compiled part-of-speech rules; False
    (nothing changed) when there is no ruler or a rule cannot be compiled."""
    if RULER not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe(RULER)
    if compile_pos_rules(ruler.patterns, nlp.vocab.strings) is None:
        return False
    _register_factory()
    nlp.add_pipe(COMPONENT, after=RULER)
    nlp.remove_pipe(RULER)
    return True


class PosRulesComponent:
    """The pipeline component: applies the compiled rules to each Doc."""

    def __init__(self, rules: PosRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        self.rules.apply(doc)
        return doc


def _register_factory() -> None:
    from spacy.language import Language

    if Language.has_factory(COMPONENT):
        return

    def make(nlp: Language, name: str) -> PosRulesComponent:
        ruler: Any = nlp.get_pipe(RULER)  # still in the pipeline while this is added
        rules = compile_pos_rules(ruler.patterns, nlp.vocab.strings)
        assert rules is not None
        return PosRulesComponent(rules)

    Language.factory(COMPONENT)(make)
