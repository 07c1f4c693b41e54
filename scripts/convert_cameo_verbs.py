"""Convert the PETRARCH-2 CAMEO verb dictionary into redline's own TSV data files.

Build-time tool only; the package reads the TSV files it writes, never the source dictionary.

    python scripts/convert_cameo_verbs.py --dicts ../shared/data/dicts \
        --out src/redline/events/data

Reads ``CAMEO.2.0.txt`` (openeventdata/petrarch2, MIT) and the CAMEO code tables
``CAMEO2PLOVER-2021.txt`` / ``CAMEO_goldstein_quad.tsv`` (for validation only) and writes:

* ``cameo_verbs.tsv``  ``block kind text cameo``: verb blocks, verbs and patterns in file order
* ``synsets.tsv``      ``name members``: synonym sets, references between sets resolved
* ``verb_forms.tsv``   ``form lemma``: verb forms the simple rules miss (from ``lemminflect``)
* ``nominals.tsv``     ``noun verb cameo note``: curated eventive nouns (``curated_lexicon.py``)

The conversion is deterministic: the same input always gives byte-identical output.
See ``src/redline/events/data/README.md`` for the formats.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import lemminflect  # dev extra: the converter is build-time only

sys.path.insert(0, str(Path(__file__).resolve().parent))

import curated_lexicon as cur  # noqa: E402  (sibling module, build-time only)

VERB_FILE = "CAMEO.2.0.txt"
PLOVER_FILE = "CAMEO2PLOVER-2021.txt"
REVERSE = ":"  # a code of the object's act toward the subject ("received aid from")
# Receiving is the giver's act: the source codes every other RECEIVE pattern of aid
# reverse-only ("[:071] loan", "[:072] tanks"), these three forward, as the receiver's aid.
SOURCE_DIRECTION_ERRORS = frozenset({("OBTAIN", "* &military_aid"), ("OBTAIN", "* &weapon"),
                                     ("OBTAIN", "* shipment of &food")})
GOLDSTEIN_FILE = "CAMEO_goldstein_quad.tsv"
NO_CODE = "---"

VERBS_HEADER = ("block", "kind", "text", "cameo")
SYNSETS_HEADER = ("name", "members")
FORMS_HEADER = ("form", "lemma")
NOMINALS_HEADER = ("noun", "verb", "cameo", "note")


# --------------------------------------------------------------------------------------
# data model
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerbRow:
    """One row of ``cameo_verbs.tsv``."""

    block: str
    kind: str  # "default" | "verb" | "pattern"
    text: str
    cameo: str

    def as_tuple(self) -> tuple[str, str, str, str]:
        return (self.block, self.kind, self.text, self.cameo)


@dataclass
class Dropped:
    """A source line (or part of one) that did not make it into the output."""

    lineno: int
    line: str
    reason: str


@dataclass
class ParseResult:
    """Everything read from one PETRARCH verb dictionary."""

    rows: list[VerbRow] = field(default_factory=list)
    synsets: dict[str, list[str]] = field(default_factory=dict)  # resolved, plain members
    brace_forms: list[tuple[str, str, int]] = field(default_factory=list)  # form, lemma, line
    dropped: list[Dropped] = field(default_factory=list)
    oddities: Counter[str] = field(default_factory=Counter)
    codes_seen: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    @property
    def blocks(self) -> list[str]:
        return [r.block for r in self.rows if r.kind == "default"]

    def of_kind(self, kind: str) -> list[VerbRow]:
        return [r for r in self.rows if r.kind == kind]


class ConversionError(ValueError):
    """Raised when the curated data or the output fails validation."""


# --------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------

_HEADER_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*(---)?\s*---\s*$")
_VERB_RE = re.compile(r"^(\+?)([^\s{\[]+)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?\s*$")
_CODE_RE = re.compile(r"^\d{2,4}$")
_MARKERS = {"$", "+", "%", "^", "|"}


def set_name(raw: str) -> str:
    """Normalise a synonym-set label: ``&FIGHT_OF_WORDS`` -> ``fight-of-words``.

    The trailing ``_`` (PETRARCH: "generate no plurals") is dropped; inner ``_`` become
    ``-`` so that ``_`` in our pattern syntax always means "consecutive words".
    """
    name = raw.lstrip("&").rstrip("_").lower()
    return name.replace("_", "-")


def phrase(raw: str) -> str:
    """Normalise a synset member / compound word: lower case, ``_`` joined, no trailing ``_``."""
    words = [w for w in re.split(r"[\s_]+", raw.strip().lstrip("+").lower()) if w]
    return "_".join(words)


def parse_code(raw: str) -> tuple[str, list[str]]:
    """Return (cameo code or ``---``, oddities) for the text inside ``[...]``.

    ``042:043`` -> ``042`` (the part before ``:`` codes the source->target direction);
    ``:195`` -> ``:195`` (reverse direction only: the object's act toward the subject,
    "X received a loan from Y" is Y's aid to X); ``---`` -> ``---``; ``080!`` -> ``080``.
    """
    odd: list[str] = []
    code = raw.strip()
    if code.endswith("!"):
        odd.append("code with trailing '!'")
        code = code.rstrip("!")
    if ":" in code:
        primary, _, _reverse = code.partition(":")
        if not primary.strip():
            odd.append("reverse-only code [:xxx]")
            reverse = _reverse.strip()
            if reverse in ("", NO_CODE):
                return NO_CODE, odd
            if not _CODE_RE.match(reverse):
                raise ValueError(f"unreadable code [{raw}]")
            return REVERSE + reverse, odd
        odd.append("two-direction code [xxx:yyy]")
        code = primary.strip()
    if code in ("", NO_CODE):
        return NO_CODE, odd
    if not _CODE_RE.match(code):
        raise ValueError(f"unreadable code [{raw}]")
    return code, odd


def strip_comment(line: str) -> str:
    """Drop ``# ...`` and legacy ``; ...`` comments."""
    for mark in ("#", ";"):
        pos = line.find(mark)
        if pos >= 0:
            line = line[:pos]
    return line.rstrip()


# --------------------------------------------------------------------------------------
# pattern translation
# --------------------------------------------------------------------------------------


def _tokenise(body: str) -> list[str]:
    return re.findall(r"[{}()*]|[^\s{}()*]+", body)


_STRAY_TAIL_RE = re.compile(r"^(.*\(([^()]*)\))\s+([^()]*?)\)\s*$")


def repair_stray_tail(body: str) -> str | None:
    """``* VENTURE (WITH VISIT)   VISIT)`` -> ``* VENTURE (WITH VISIT)``: a copy of the end
    of the last phrase pasted before the code. None when the body is not of that shape."""
    m = _STRAY_TAIL_RE.match(body.rstrip())
    if m and m.group(3).strip() and m.group(2).rstrip().endswith(m.group(3).strip()):
        return m.group(1)
    return None


def _alternatives(word: str) -> str:
    """``BOMBING/EXPLOSION`` -> ``bombing|explosion``; ``&FOOD`` -> ``&food``."""
    alts = []
    for alt in word.split("/"):
        if alt.startswith("&"):
            alts.append("&" + set_name(alt))
        else:
            alts.append(phrase(alt))
    return "|".join(a for a in alts if a)


def _compound(words: list[str]) -> str:
    """``{&MILITARY AID}`` -> ``&military_aid``; ``{AIR_STRIKE}`` -> ``air_strike``."""
    parts: list[str] = []
    for w in words:
        if w.startswith("&"):
            parts.append("&" + set_name(w))
        else:
            parts.append(phrase(w))
    return "_".join(p for p in parts if p)


def translate_pattern(body: str) -> tuple[str, set[str], list[str]]:
    """Translate a PETRARCH pattern body (without ``-`` and ``[code]``) to our syntax.

    Returns (pattern text, referenced set names, oddities). Raises ValueError when the
    pattern cannot be translated (unbalanced brackets, no or several ``*``).
    """
    odd: list[str] = []
    elements: list[str] = []
    compound: list[str] | None = None
    depth_paren = 0
    for tok in _tokenise(body):
        if tok == "{":
            if compound is not None:
                raise ValueError("nested {")
            compound = []
        elif tok == "}":
            if compound is None:
                raise ValueError("unbalanced }")
            words = [w for w in compound if w not in _MARKERS]
            if words:
                elements.append(_compound(words))
            compound = None
        elif tok == "(":
            depth_paren += 1
            odd.append("prepositional phrase ( )")
        elif tok == ")":
            depth_paren -= 1
            if depth_paren < 0:
                raise ValueError("unbalanced )")
        elif compound is not None:
            if "/" in tok:
                raise ValueError("alternatives inside { }")
            compound.append(tok)
        elif tok in _MARKERS:
            odd.append(f"marker {tok} dropped")
        elif tok == "*":
            elements.append("*")
        else:
            if "/" in tok:
                odd.append("slash alternatives A/B -> a|b")
            text = _alternatives(tok)
            if text:
                elements.append(text)
    if compound is not None or depth_paren != 0:
        raise ValueError("unbalanced brackets")
    stars = elements.count("*")
    if stars != 1:
        raise ValueError(f"{stars} verb markers '*'")
    refs = set(re.findall(r"&([a-z0-9-]+)", " ".join(elements)))
    return " ".join(elements), refs, odd


# --------------------------------------------------------------------------------------
# the reader
# --------------------------------------------------------------------------------------


def _verb_text(raw: str) -> str:
    """``+CALL_UP`` -> ``call up``; ``RE-ADMIT`` -> ``re-admit``."""
    return " ".join(w for w in re.split(r"[\s_]+", raw.lstrip("+").lower()) if w)


def parse_petrarch(lines: Iterable[str]) -> ParseResult:
    """Read a PETRARCH-2 verb dictionary (as lines) into rows, synsets and brace forms.

    Pure function of its input; the caller resolves multi-word heads and inflected-form
    verbs afterwards (see :func:`normalise_verbs`).
    """
    res = ParseResult()
    raw_sets: dict[str, list[str]] = {}
    set_order: list[str] = []
    pending_patterns: list[tuple[int, str, VerbRow, set[str]]] = []
    current_set: str | None = None
    block: str | None = None
    seen_in_block: set[tuple[str, str, str]] = set()
    in_html_comment = False
    in_transformations = False
    block_names: Counter[str] = Counter()

    for lineno, raw_line in enumerate(lines, start=1):
        line = raw_line.rstrip("\n")
        # HTML-style comments (possibly multi-line)
        if in_html_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3 :]
            in_html_comment = False
        while "<!--" in line:
            start = line.find("<!--")
            end = line.find("-->", start)
            if end < 0:
                line = line[:start]
                in_html_comment = True
                break
            line = line[:start] + line[end + 3 :]
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if "TRANSFORMATIONS" in stripped.upper():
                in_transformations = True
            continue
        content = strip_comment(stripped)
        if ";" in stripped.split("#", 1)[0]:
            res.oddities["legacy ';' comment"] += 1
        if not content:
            continue

        if content.startswith("~") or in_transformations:
            res.dropped.append(Dropped(lineno, stripped, "transformation rule (not a pattern)"))
            continue

        # synonym sets --------------------------------------------------------------
        if content.startswith("&"):
            name = set_name(content.split()[0])
            if name in raw_sets:
                raise ConversionError(f"line {lineno}: synset &{name} defined twice")
            raw_sets[name] = []
            set_order.append(name)
            current_set = name
            continue
        if content.startswith("+") and current_set is not None:
            member = content[1:].strip()
            if member.startswith("&"):
                raw_sets[current_set].append("&" + set_name(member))
            else:
                if member.endswith("_"):
                    res.oddities["synset member with trailing '_' (no plural)"] += 1
                raw_sets[current_set].append(phrase(member))
            continue
        current_set = None

        # block header --------------------------------------------------------------
        if content.startswith("---"):
            m = _HEADER_RE.match(content)
            if not m:
                res.dropped.append(Dropped(lineno, stripped, "unreadable block header"))
                block = None
                continue
            name = m.group(1)
            block_names[name] += 1
            if block_names[name] > 1:
                name = f"{name}#{block_names[name]}"
                res.oddities["duplicate block name (suffixed #n)"] += 1
            if m.group(3):
                res.oddities["block header with stray '---' after code"] += 1
            try:
                code, odd = parse_code(m.group(2))
            except ValueError as exc:
                res.dropped.append(Dropped(lineno, stripped, str(exc)))
                block = None
                continue
            res.oddities.update(odd)
            block = name
            seen_in_block = set()
            row = VerbRow(block, "default", "", code)
            res.rows.append(row)
            if code != NO_CODE:
                res.codes_seen[code.removeprefix(REVERSE)].append(lineno)
            continue

        if block is None:
            res.dropped.append(Dropped(lineno, stripped, "outside any verb block"))
            continue

        # pattern line --------------------------------------------------------------
        if content.startswith("-"):
            body = content[1:]
            m = re.search(r"\[([^\]]*)\]\s*$", body)
            if not m:
                res.dropped.append(Dropped(lineno, stripped, "pattern without [code]"))
                continue
            pattern_body = body[: m.start()]
            repaired = repair_stray_tail(pattern_body)
            if repaired is not None:
                res.oddities["stray copy of the phrase end before [code]"] += 1
                pattern_body = repaired
            if re.search(r"\*[^\s(){}]|[^\s(){}]\*", pattern_body):
                res.oddities["'*' glued to a word (adjacency not kept)"] += 1
            try:
                code, odd = parse_code(m.group(1))
                text, refs, odd2 = translate_pattern(pattern_body)
            except ValueError as exc:
                res.dropped.append(Dropped(lineno, stripped, f"pattern: {exc}"))
                continue
            res.oddities.update(odd + odd2)
            if text == "*":
                res.oddities["pattern reduced to bare '*'"] += 1
            if (block, text) in SOURCE_DIRECTION_ERRORS and not code.startswith(REVERSE):
                res.oddities["receiving coded as giving (reversed)"] += 1
                code = REVERSE + code
            row = VerbRow(block, "pattern", text, code)
            key = row.as_tuple()[1:]
            if key in seen_in_block:
                res.dropped.append(Dropped(lineno, stripped, "duplicate row in block"))
                continue
            seen_in_block.add(key)
            pending_patterns.append((lineno, stripped, row, refs))
            res.rows.append(row)
            if code != NO_CODE:
                res.codes_seen[code.removeprefix(REVERSE)].append(lineno)
            continue

        # verb line -----------------------------------------------------------------
        m = _VERB_RE.match(content)
        if not m:
            res.dropped.append(Dropped(lineno, stripped, "unreadable verb line"))
            continue
        plus, word, forms, code_raw = m.groups()
        text = _verb_text(word)
        if set(text.split()) & cur.COORDINATION_WORDS:
            res.dropped.append(
                Dropped(
                    lineno,
                    stripped,
                    "coordination phrase, not a verb (the parse handles coordinated verbs)",
                )
            )
            continue
        if plus:
            res.oddities["multi-word verb +A_B"] += 1
        if re.search(r"\]\S|\S\[", content):
            res.oddities["verb line without space before [code]"] += 1
        code = ""
        if code_raw is not None:
            try:
                code, odd = parse_code(code_raw)
            except ValueError as exc:
                res.dropped.append(Dropped(lineno, stripped, str(exc)))
                continue
            res.oddities.update(odd)
            res.oddities["per-verb code override"] += 1
            if code != NO_CODE:
                res.codes_seen[code.removeprefix(REVERSE)].append(lineno)
        if forms is not None:
            items = [f for f in re.split(r"[\s,]+", forms) if f]
            if not items:
                res.oddities["empty irregular-form list {}"] += 1
            if "," in forms:
                res.oddities["commas inside {forms}"] += 1
            for f in items:
                res.brace_forms.append((_verb_text(f), text, lineno))
        row = VerbRow(block, "verb", text, code)
        key = row.as_tuple()[1:]
        if key in seen_in_block:
            res.dropped.append(Dropped(lineno, stripped, "duplicate row in block"))
            continue
        seen_in_block.add(key)
        res.rows.append(row)

    # resolve synsets (a set may reference another set)
    res.synsets = resolve_synsets(raw_sets, set_order)

    # drop patterns whose synsets are not defined (PETRARCH ignores them too)
    bad: set[int] = set()
    for lineno, stripped, row, refs in pending_patterns:
        missing = sorted(r for r in refs if r not in res.synsets)
        if missing:
            res.dropped.append(
                Dropped(lineno, stripped, "undefined synset " + ", ".join("&" + m for m in missing))
            )
            bad.add(id(row))
    if bad:
        res.rows = [r for r in res.rows if id(r) not in bad]
    res.dropped.sort(key=lambda d: d.lineno)
    return res


def resolve_synsets(raw: dict[str, list[str]], order: Sequence[str]) -> dict[str, list[str]]:
    """Expand ``&other`` members recursively; keep first-seen order, drop duplicates."""

    def expand(name: str, stack: tuple[str, ...]) -> list[str]:
        if name in stack:
            raise ConversionError("synset reference cycle: " + " -> ".join(stack + (name,)))
        if name not in raw:
            raise ConversionError(f"synset &{stack[-1]} references undefined &{name}")
        out: list[str] = []
        for member in raw[name]:
            if member.startswith("&"):
                out.extend(expand(member[1:], stack + (name,)))
            else:
                out.append(member)
        return out

    resolved: dict[str, list[str]] = {}
    for name in order:
        members = list(dict.fromkeys(m for m in expand(name, ()) if m))
        resolved[name] = members
    return resolved


# --------------------------------------------------------------------------------------
# inflection: simple rules vs. the true forms (lemminflect + curated fixes)
# --------------------------------------------------------------------------------------


def simple_forms(lemma: str) -> set[str]:
    """The small built-in rule set a matcher can always apply: -s/-es/-ies, -ed/-d/-ied,
    -ing with e-drop; on the same word that :func:`inflections` inflects."""
    if " " in lemma:
        if lemma in cur.MULTIWORD_LAST:
            head, _, last = lemma.rpartition(" ")
            return {f"{head} {f}" for f in simple_forms(last)}
        first, rest = lemma.split(" ", 1)
        return {f"{f} {rest}" for f in simple_forms(first)}
    if "-" in lemma:
        head, _, last = lemma.rpartition("-")
        return {f"{head}-{f}" for f in _simple_single(last)}
    return _simple_single(lemma)


def _simple_slots(w: str) -> dict[str, str]:
    """The naive -s, -ed and -ing forms of one word (what ``redline.events.lemmas`` undoes)."""
    if re.search(r"(s|x|z|ch|sh|[^aeiou]o)$", w):
        s_form = w + "es"
    elif re.search(r"[^aeiou]y$", w):
        s_form = w[:-1] + "ies"
    else:
        s_form = w + "s"
    if w.endswith("e"):
        ed_form = w + "d"
    elif re.search(r"[^aeiou]y$", w):
        ed_form = w[:-1] + "ied"
    else:
        ed_form = w + "ed"
    if w.endswith("ie"):
        ing_form = w[:-2] + "ying"
    elif w.endswith("e") and not re.search(r"(ee|ye|oe)$", w) and len(w) > 2:
        ing_form = w[:-1] + "ing"
    else:
        ing_form = w + "ing"
    return {"s": s_form, "ed": ed_form, "ing": ing_form}


def _simple_single(w: str) -> set[str]:
    return set(_simple_slots(w).values())


_FORM_TAGS = ("VBD", "VBN", "VBG", "VBZ", "VBP")  # VBP differs from the base for be only
_PAST_TAGS = ("VBD", "VBN")
_SINGLE_WORD = re.compile(r"[a-z]+")


def in_library(word: str) -> bool:
    """Whether lemminflect's lexicon has the verb (else its forms come from its rules)."""
    return bool(lemminflect.getAllInflections(word, upos="VERB"))


@functools.cache
def library_forms(word: str) -> frozenset[str]:
    """lemminflect's forms of a single-word verb: every spelling of the past, participle,
    -ing and -s forms (and am/are); the base itself only where it is a past (``cut``).
    Forms with a space or hyphen (``over-came``) are dropped: rows are single words."""
    forms = {f for tag in _FORM_TAGS for f in lemminflect.getInflection(word, tag)}
    forms.discard(word)
    if any(word in lemminflect.getInflection(word, tag) for tag in _PAST_TAGS):
        forms.add(word)
    return frozenset(f for f in forms if _SINGLE_WORD.fullmatch(f))


def fix_edits(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(forms to add, forms to drop) of ``curated_lexicon.INFLECTION_FIXES`` for a word."""
    edits = cur.INFLECTION_FIXES.get(word, ("", ""))[0].split()
    return (
        frozenset(e[1:] for e in edits if e.startswith("+")),
        frozenset(e[1:] for e in edits if e.startswith("-")),
    )


def stale_fixes(scope: Iterable[str]) -> list[str]:
    """Fixes that change nothing (lemminflect now agrees) or name a verb outside ``scope``."""
    in_scope = set(scope)
    stale: list[str] = []
    for word in sorted(cur.INFLECTION_FIXES):
        add, drop = fix_edits(word)
        have = library_forms(word)
        if word not in in_scope:
            stale.append(f"{word}: not a lexicon verb, nor in IRREGULAR_VERBS or EXTRA_VERBS")
        stale += [f"{word}: lemminflect already gives +{f}" for f in sorted(add & have)]
        stale += [f"{word}: lemminflect does not give -{f}" for f in sorted(drop - have)]
    return stale


def _suffixed(word: str) -> set[str]:
    """Forms built on the base by a suffix: -s/-es, -ed/-d/-ied, -ing/-eing, e-drop,
    a doubled final consonant, -c + -k-."""
    doubled, stem = word + word[-1], word[:-1]
    forms = {word + "s", word + "es", word + "ed", word + "ing", doubled + "ed",
             doubled + "ing", doubled + "es", word + "ked", word + "king"}  # fmt: skip
    if word.endswith("e"):
        forms |= {word + "d", stem + "ing"}
    if word.endswith("y"):
        forms |= {stem + "ied", stem + "ies"}
    return forms


def form_rule(word: str, forms: frozenset[str]) -> str:
    """Why a word has forms beyond the simple rules, for the summary: ``irregular`` (the
    base is a past, or a form is not the base plus a suffix), ``doubling``, ``-ck``,
    ``spelling`` (``cueing``) or ``regular``."""
    extra = forms - _simple_single(word)
    if word in forms or extra - _suffixed(word):
        return "irregular"
    if not extra:
        return "regular"
    if any(f.startswith(word + word[-1]) for f in extra):
        return "doubling"
    if any(f.startswith(word + "k") for f in extra):
        return "-ck"
    return "spelling"


@functools.cache
def true_forms(word: str) -> tuple[frozenset[str], str]:
    """All inflected forms of a single-word lemma (lemminflect's, with the curated fixes)
    and the rule that makes them differ from the simple rules (see :func:`form_rule`)."""
    add, drop = fix_edits(word)
    forms = (library_forms(word) - drop) | add
    return forms, form_rule(word, forms)


def inflections(lemma: str) -> tuple[frozenset[str], str]:
    """True forms of a lemma. Multi-word verbs inflect their first word (``called up``)
    unless listed in ``curated_lexicon.MULTIWORD_LAST`` (``wire tapped``); hyphenated
    words inflect their last part (``re-admitted``)."""
    if " " in lemma:
        if lemma in cur.MULTIWORD_LAST:
            head, _, last = lemma.rpartition(" ")
            forms, rule = inflections(last)
            return frozenset(f"{head} {f}" for f in forms), rule
        first, rest = lemma.split(" ", 1)
        forms, rule = inflections(first)
        return frozenset(f"{f} {rest}" for f in forms), rule
    if "-" in lemma:
        head, _, last = lemma.rpartition("-")
        forms, rule = true_forms(last)
        return frozenset(f"{head}-{f}" for f in forms), rule
    return true_forms(lemma)


# --------------------------------------------------------------------------------------
# post-processing of verbs: multi-word heads, inflected forms listed as verbs
# --------------------------------------------------------------------------------------


def build_form_index() -> dict[str, str]:
    """form -> lemma over the curated irregular verbs (used to de-inflect)."""
    index: dict[str, str] = {}
    for lemma in sorted(cur.IRREGULAR_VERBS):
        forms, _ = true_forms(lemma)
        for f in sorted(forms):
            if f != lemma:
                index.setdefault(f, lemma)
    return index


def deinflect(word: str, known: Iterable[str], index: dict[str, str]) -> str | None:
    """Lemma of ``word`` when it is an inflected form of one of the single-word lemmas in
    ``known`` (by their true forms), else the lemma of the curated irregular verb it is a
    form of, else None."""
    for lemma in sorted(known):
        if lemma != word and " " not in lemma and word in inflections(lemma)[0]:
            return lemma
    return index.get(word)


def normalise_verbs(res: ParseResult) -> list[str]:
    """Lemmatise multi-word verb heads (``angered by`` -> ``anger by``, ``is determined`` ->
    ``be determined``) and turn single-word verbs that are inflected forms of another verb
    of the same block (``BURNT`` next to ``BURN``) into verb forms. Returns log lines."""
    log: list[str] = []
    index = build_form_index()
    lemmas_by_block: dict[str, set[str]] = defaultdict(set)
    for r in res.rows:
        if r.kind == "verb":
            lemmas_by_block[r.block].add(r.text)
    all_lemmas = {t for s in lemmas_by_block.values() for t in s}
    code_of = {(r.block, r.text): r.cameo for r in res.rows if r.kind == "verb"}
    new_rows: list[VerbRow] = []
    seen: set[tuple[str, str, str, str]] = set()
    for r in res.rows:
        if r.kind != "verb":
            new_rows.append(r)
            seen.add(r.as_tuple())
            continue
        text = r.text
        if " " in text:
            head, rest = text.split(" ", 1)
            lemma = deinflect(head, all_lemmas, index)
            if lemma and lemma != head:
                text = f"{lemma} {rest}"
                log.append(f"multi-word verb head lemmatised: '{r.text}' -> '{text}'")
                res.oddities["multi-word verb with inflected head"] += 1
        else:
            lemma = deinflect(text, lemmas_by_block[r.block], index)
            if (
                lemma
                and lemma != text
                and lemma in lemmas_by_block[r.block]
                and r.cameo in ("", code_of[r.block, lemma])
            ):
                res.brace_forms.append((text, lemma, 0))
                log.append(
                    f"inflected form listed as verb: '{text}' (block {r.block}) -> "
                    f"form of '{lemma}'"
                )
                res.oddities["inflected form listed as a verb"] += 1
                res.dropped.append(
                    Dropped(0, r.text.upper(), f"verb '{text}' is a form of '{lemma}' (same block)")
                )
                continue
        row = VerbRow(r.block, r.kind, text, r.cameo)
        if row.as_tuple() in seen:
            res.dropped.append(Dropped(0, r.text.upper(), "duplicate row after lemmatising"))
            continue
        seen.add(row.as_tuple())
        new_rows.append(row)
    res.rows = new_rows
    # lemmatise the brace forms' lemmas the same way
    fixed = []
    for form, lemma, lineno in res.brace_forms:
        if " " in lemma:
            head, rest = lemma.split(" ", 1)
            lem = deinflect(head, all_lemmas, index)
            if lem and lem != head:
                lemma = f"{lem} {rest}"
        fixed.append((form, lemma, lineno))
    res.brace_forms = fixed
    return log


# --------------------------------------------------------------------------------------
# verb forms table
# --------------------------------------------------------------------------------------


def split_inflecting(lemma: str) -> tuple[str, str, str]:
    """(before, word, after) around the word of a lemma that inflects:
    ``call up`` -> ("", "call", " up"); ``wire tap`` -> ("wire ", "tap", "");
    ``re-admit`` -> ("re-", "admit", "")."""
    if " " in lemma:
        if lemma in cur.MULTIWORD_LAST:
            head, _, last = lemma.rpartition(" ")
            return head + " ", last, ""
        first, rest = lemma.split(" ", 1)
        before, word, after = split_inflecting(first)
        return before, word, after + " " + rest
    if "-" in lemma:
        head, _, last = lemma.rpartition("-")
        return head + "-", last, ""
    return "", lemma, ""


@dataclass
class FormsReport:
    rows: list[tuple[str, str]]
    added_by_rule: dict[str, list[str]]  # rule -> lexicon lemmas needing exceptions
    skipped: list[str]
    unexplained_brace: list[str]
    homographs: list[str]  # forms that are lemmas themselves: left to the tagger
    unresolved: list[str]
    not_in_library: list[str]  # lexicon words lemminflect inflects by its rules only


def build_verb_forms(res: ParseResult) -> FormsReport:
    """Combine the forms of the curated irregular verbs, the forms of every lexicon lemma
    the simple rules do not make and the source ``{...}`` forms into single-word
    ``form -> lemma`` rows; then check every lexicon lemma's forms are rule-made or listed."""
    verb_lemmas = sorted({r.text for r in res.rows if r.kind == "verb"})
    words = {split_inflecting(lem)[1] for lem in verb_lemmas}
    lemma_words = words | {lem for lem in verb_lemmas if " " not in lem}
    is_lemma = lemma_words | cur.IRREGULAR_VERBS
    table: dict[str, str] = {}
    origin: dict[str, str] = {}
    skipped: list[str] = []
    homographs: set[str] = set()
    added_by_rule: dict[str, list[str]] = defaultdict(list)

    def add(form: str, lemma: str, why: str) -> None:
        before, word, after = split_inflecting(lemma)
        if not (form.startswith(before) and form.endswith(after)):
            skipped.append(f"{form} -> {lemma}: does not inflect '{word}' ({why})")
            return
        form = form[len(before) : len(form) - len(after)]
        lemma = word
        if form == lemma and why != "irregular":
            return
        if (form, lemma) in cur.BOGUS_FORMS:
            skipped.append(f"{form} -> {lemma}: {cur.BOGUS_FORMS[form, lemma]} ({why})")
            return
        if form != lemma and form in is_lemma:
            homographs.add(f"{form} -> {lemma}")
            skipped.append(f"{form} -> {lemma}: '{form}' is itself a verb lemma ({why})")
            return
        if form in table and table[form] != lemma:
            skipped.append(
                f"{form} -> {lemma}: already '{form} -> {table[form]}' from {origin[form]} ({why})"
            )
            return
        if form not in table:
            table[form] = lemma
            origin[form] = why

    # 1. curated irregular verbs (highest priority); identity rows for zero-change verbs
    for lemma in sorted(cur.IRREGULAR_VERBS):
        forms, _ = true_forms(lemma)
        for f in sorted(forms - _simple_single(lemma) | {lemma} & forms):
            add(f, lemma, "irregular")
    # 2. forms of the lexicon's own lemmas (and the extra verbs) the simple rules do not make
    for word in sorted(words | cur.EXTRA_VERBS):
        forms, rule = true_forms(word)
        extra = sorted(forms - _simple_single(word) | {word} & forms)
        if extra and word in words:
            added_by_rule[rule].append(word)
        for f in extra:
            add(f, word, rule)
    # 3. every form given in {...} in the source
    unexplained: list[str] = []
    for form, lemma, lineno in res.brace_forms:
        if form not in inflections(lemma)[0] | {lemma}:
            where = f"line {lineno}" if lineno else "listed as a verb"
            unexplained.append(f"{form} -> {lemma} ({where})")
        add(form, lemma, f"source {{}} line {lineno}" if lineno else "source verb line")

    # check: every form of every lexicon lemma is made by the simple rules or listed
    unresolved: list[str] = []
    for lemma in verb_lemmas:
        before, word, after = split_inflecting(lemma)
        for f in sorted(inflections(lemma)[0] - simple_forms(lemma)):
            fw = f[len(before) : len(f) - len(after)]
            if fw == word or table.get(fw) == word:
                continue
            if f"{fw} -> {word}" in homographs:
                continue
            unresolved.append(f"{f} -> {lemma}")
    return FormsReport(
        sorted(table.items()),
        {k: sorted(set(v)) for k, v in added_by_rule.items()},
        skipped,
        unexplained,
        sorted(homographs),
        unresolved,
        sorted(w for w in words if not in_library(w)),
    )


# --------------------------------------------------------------------------------------
# nominals
# --------------------------------------------------------------------------------------


def read_valid_codes(dicts: Path) -> set[str]:
    """CAMEO codes listed in CAMEO2PLOVER-2021.txt or CAMEO_goldstein_quad.tsv."""
    codes: set[str] = set()
    plover = dicts / PLOVER_FILE
    if plover.exists():
        for line in plover.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^(\d{2,4}):", line)
            if m:
                codes.add(m.group(1))
    gold = dicts / GOLDSTEIN_FILE
    if gold.exists():
        for line in gold.read_text(encoding="utf-8").splitlines()[1:]:
            code = line.split("\t", 1)[0].strip()
            if code.isdigit():
                codes.add(code)
    if not codes:
        raise ConversionError(f"no CAMEO code table found in {dicts}")
    return codes


NOMINAL_NOTES = {"", "object-only", "vague", "plural-only"}


def build_nominals(
    rows: Sequence[VerbRow],
    valid_codes: set[str],
    nominals: Sequence[tuple[str, str, str, str]] | None = None,
) -> list[tuple[str, str, str, str]]:
    """Validate the curated eventive nouns (default ``curated_lexicon.NOMINALS``) against
    the verb rows and the CAMEO codes; return them as TSV rows."""
    verbs = {r.text for r in rows if r.kind == "verb"}
    errors: list[str] = []
    out: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    for noun, verb, cameo, note in cur.NOMINALS if nominals is None else nominals:
        where = f"nominal '{noun}'"
        if noun != noun.lower() or noun != noun.strip():
            errors.append(f"{where}: not lower-case/stripped")
        if noun in seen:
            errors.append(f"{where}: listed twice")
        seen.add(noun)
        if verb and cameo:
            errors.append(f"{where}: give either verb or cameo, not both")
        if verb and verb not in verbs:
            errors.append(f"{where}: verb '{verb}' is not a verb in cameo_verbs.tsv")
        if cameo and cameo not in valid_codes:
            errors.append(f"{where}: cameo {cameo} is not a CAMEO code")
        if note not in NOMINAL_NOTES:
            errors.append(f"{where}: unknown note '{note}'")
        if not verb and not cameo and note not in ("object-only", "vague"):
            errors.append(f"{where}: no verb and no cameo needs note object-only or vague")
        if note in ("object-only", "vague") and (verb or cameo):
            errors.append(f"{where}: note '{note}' must have empty verb and cameo")
        out.append((noun, verb, cameo, note))
    if errors:
        raise ConversionError("curated nominals invalid:\n  " + "\n  ".join(errors))
    return out


# --------------------------------------------------------------------------------------
# validation of the finished verb table
# --------------------------------------------------------------------------------------


def validate_rows(rows: Sequence[VerbRow], synsets: dict[str, list[str]]) -> None:
    """Structural checks on the output: one ``*`` per pattern, resolvable ``&refs``,
    one default per block, no tabs/newlines in fields."""
    errors: list[str] = []
    defaults = Counter(r.block for r in rows if r.kind == "default")
    for r in rows:
        for fld in r.as_tuple():
            if "\t" in fld or "\n" in fld:
                errors.append(f"control char in {r}")
        if r.kind == "pattern":
            elements = r.text.split(" ")
            if elements.count("*") != 1 or "" in elements:
                errors.append(f"bad pattern {r}")
            for ref in re.findall(r"&([a-z0-9-]+)", r.text):
                if ref not in synsets:
                    errors.append(f"unresolved &{ref} in {r}")
        elif r.kind == "verb":
            if not r.text or r.text != r.text.lower():
                errors.append(f"bad verb {r}")
        elif r.kind != "default":
            errors.append(f"bad kind {r}")
        if defaults[r.block] != 1:
            errors.append(f"block {r.block} has {defaults[r.block]} default rows")
    if errors:
        raise ConversionError("output invalid:\n  " + "\n  ".join(errors[:50]))


# --------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------


def write_tsv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    lines = ["\t".join(header)]
    n = 0
    for row in rows:
        lines.append("\t".join(row))
        n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return n


@dataclass
class Summary:
    """What :func:`convert` did, for the printed report."""

    result: ParseResult
    forms: FormsReport
    nominals: list[tuple[str, str, str, str]]
    norm_log: list[str]
    invalid_codes: dict[str, list[int]]


def convert(dicts: Path, out: Path) -> Summary:
    """Run the whole conversion; write the four TSV files; return summary data."""
    src = dicts / VERB_FILE
    res = parse_petrarch(src.read_text(encoding="utf-8", errors="replace").splitlines())
    norm_log = normalise_verbs(res)
    validate_rows(res.rows, res.synsets)
    valid_codes = read_valid_codes(dicts)
    nominals = build_nominals(res.rows, valid_codes)
    forms = build_verb_forms(res)
    words = {split_inflecting(r.text)[1] for r in res.rows if r.kind == "verb"}
    stale = stale_fixes(words | cur.IRREGULAR_VERBS | cur.EXTRA_VERBS)
    if stale:
        raise ConversionError("stale curated_lexicon.INFLECTION_FIXES: " + "; ".join(stale))
    if forms.unresolved:
        raise ConversionError(
            "verb forms neither rule-made nor listed: " + ", ".join(forms.unresolved)
        )

    out.mkdir(parents=True, exist_ok=True)
    write_tsv(out / "cameo_verbs.tsv", VERBS_HEADER, (r.as_tuple() for r in res.rows))
    write_tsv(
        out / "synsets.tsv",
        SYNSETS_HEADER,
        ((name, "|".join(members)) for name, members in res.synsets.items()),
    )
    write_tsv(out / "verb_forms.tsv", FORMS_HEADER, forms.rows)
    write_tsv(out / "nominals.tsv", NOMINALS_HEADER, nominals)

    invalid_codes = {c: ln for c, ln in res.codes_seen.items() if c not in valid_codes}
    return Summary(res, forms, nominals, norm_log, invalid_codes)


def print_summary(summary: Summary, out: Path) -> None:
    """Print counts, oddities, dropped lines and the verb-form exceptions."""
    res, forms, nominals = summary.result, summary.forms, summary.nominals
    verbs = res.of_kind("verb")
    patterns = res.of_kind("pattern")
    print(f"wrote {out}/cameo_verbs.tsv, synsets.tsv, verb_forms.tsv, nominals.tsv")
    print(
        f"blocks {len(res.blocks)}  verbs {len(verbs)} ({len({v.text for v in verbs})} distinct)"
        f"  patterns {len(patterns)}  synsets {len(res.synsets)}"
        f"  verb forms {len(forms.rows)}  nominals {len(nominals)}"
    )
    multi = Counter(v.text for v in verbs)
    print(f"verbs listed in more than one block: {sum(1 for n in multi.values() if n > 1)}")
    conflicts = Counter((p.block, p.text) for p in patterns)
    print(
        f"same pattern with different codes in one block: "
        f"{sum(1 for n in conflicts.values() if n > 1)}"
    )
    print("source oddities handled:")
    for what, n in sorted(res.oddities.items()):
        print(f"  {n:5d}  {what}")
    reasons = Counter(
        "undefined synset" if d.reason.startswith("undefined synset") else d.reason
        for d in res.dropped
    )
    print(f"dropped ({len(res.dropped)}):")
    for reason, n in sorted(reasons.items()):
        print(f"  {n:5d}  {reason}")
    for d in res.dropped:
        if d.reason != "duplicate row in block":
            where = f"line {d.lineno}" if d.lineno else "post"
            print(f"    {where}: {d.line[:70]!r}  [{d.reason}]")
    for line in summary.norm_log:
        print(f"  {line}")
    invalid = summary.invalid_codes
    if invalid:
        print("codes not in the CAMEO tables (kept as written):")
        for code, lines in sorted(invalid.items()):
            print(f"  {code}: lines {', '.join(map(str, lines[:8]))}")
    print("verb-form exceptions added for lexicon lemmas, by rule:")
    for rule, lemmas in sorted(forms.added_by_rule.items()):
        print(f"  {rule} ({len(lemmas)}): {' '.join(lemmas)}")
    print(
        f"lexicon words not in lemminflect's lexicon, forms by its rules "
        f"({len(forms.not_in_library)}): {' '.join(forms.not_in_library)}"
    )
    if forms.unexplained_brace:
        print("source {forms} not explained by the true forms (kept):")
        for line in forms.unexplained_brace:
            print(f"  {line}")
    if forms.homographs:
        print(
            "forms that are verb lemmas themselves (no row; left to the tagger): "
            + ", ".join(forms.homographs)
        )
    if forms.skipped:
        print("verb forms skipped:")
        for line in forms.skipped:
            print(f"  {line}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--dicts", type=Path, default=root.parent / "shared/data/dicts")
    parser.add_argument("--out", type=Path, default=root / "src/redline/events/data")
    args = parser.parse_args(argv)
    try:
        summary = convert(args.dicts, args.out)
    except ConversionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print_summary(summary, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
