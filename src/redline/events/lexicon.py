"""The verb lexicon: which words are event triggers and which CAMEO code a frame gets.

Data (``redline/events/data/README.md``): ``cameo_verbs.tsv`` converted from the PETRARCH-2
CAMEO verb dictionary (blocks of synonymous verbs sharing patterns and a default code),
``synsets.tsv`` (``&weapon`` ...), ``verb_forms.tsv`` (irregular forms), ``nominals.tsv``
(eventive nouns and the verb that types them), and ``redline_verbs.tsv``: our own entries,
consulted before the CAMEO ones. Users add entries in the ``redline_verbs.tsv`` format with
``--verbs FILE``.

A pattern such as ``* &weapon to`` is matched against the lemmas of the frame: elements
before ``*`` in the subject, elements after it among the complements, in order, with gaps.
``@dobj`` (a redline extension) requires a direct object. The pattern with the most matched
words wins; ``---`` means "do not code".
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from redline.events.lemmas import Lemmatizer

NO_CODE = "---"
REVERSE = ":"  # before a code: the act of the verb's object toward its subject
DOBJ = "@dobj"

Alternative = tuple[str, ...]  # consecutive lemmas
Element = tuple[Alternative, ...]  # any of the alternatives


class LexiconDataError(ValueError):
    """A verb data file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Pattern:
    left: tuple[Element, ...]
    right: tuple[Element, ...]
    cameo: str
    text: str
    origin: str  # "file:line" for explain

    @property
    def weight(self) -> int:
        return sum(max(len(alt) for alt in el) for el in self.left + self.right)


# (patterns that need no word, patterns by a word their first element needs), each with its
# order among the patterns of the verb's blocks
PatternIndex = tuple[list[tuple[int, Pattern]], dict[str, list[tuple[int, Pattern]]]]
# what a pattern needs in a sentence to code: for each word element, the first words of its
# alternatives (a cheap test) and the alternatives
Need = tuple[tuple[frozenset[str], ...], tuple[frozenset[Alternative], ...]]


@dataclass
class Block:
    name: str
    default: str  # CAMEO code, NO_CODE or ""
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class VerbSense:
    lemma: str
    block: str
    override: str  # per-verb code, "" for the block default
    origin: str


@dataclass(frozen=True)
class Nominal:
    noun: str
    verb: str
    cameo: str
    note: str


@dataclass(frozen=True)
class LexiconMatch:
    """How a frame was typed: the code and the rule that gave it."""

    cameo: str
    rule: str  # e.g. "pattern '* &weapon' (cameo_verbs.tsv:812)" or "default of block WARN"
    specific: bool  # a pattern matched (more reliable than a block default)
    # the code is the object's act toward the subject (a data code ``:072``): "Kenya
    # received tanks from China" is China's military aid to Kenya
    reverse: bool = False

    @classmethod
    def of(cls, code: str, rule: str, specific: bool) -> LexiconMatch:
        """The match of a data code, ``:xxx`` read as the reverse direction."""
        bare = code.removeprefix(REVERSE)
        return cls(bare, rule, specific, reverse=bare != code)


@dataclass
class VerbLexicon:
    verbs: dict[str, list[VerbSense]]
    blocks: dict[str, Block]
    nominals: dict[str, Nominal]
    lemmatize: Lemmatizer
    trigger_words: frozenset[str]

    # each verb's patterns by the words they need; verbs with the same blocks share one
    # (see ``index_patterns``)
    _pattern_index: dict[str, PatternIndex] = field(default_factory=dict)
    _codable: Callable[[str], bool] | None = None
    _verb_always: frozenset[str] = frozenset()
    _verb_needs_index: dict[str, list[Need]] = field(default_factory=dict)
    _needs_by_block: dict[str, list[tuple[str, Need]]] = field(default_factory=dict)
    _noun_ok: frozenset[str] = frozenset()
    _multiword: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the codable nominals of several words ("air strike", "show of force") by their head
    _phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)

    def restrict_triggers(self, codable: Callable[[str], bool]) -> None:
        """Work out, once, which words can yield a code for which ``codable`` is true (a
        CAMEO code with a PLOVER type), and under which conditions.

        "said" (CAMEO 010, a statement) can only make an event through a few patterns
        ("said ... no"), so a sentence with "said" and none of those pattern words need not
        be parsed. The analysis only uses word forms, so the same answer holds before and
        after parsing (see :meth:`trigger_candidates`).

        ``codable`` is asked once per code, and each block's patterns are looked at once
        (hundreds of verbs share a block); the words each pattern needs are worked out at
        load (:meth:`_block_needs`), so this takes a few tens of milliseconds."""
        self._codable = codable
        answers: dict[str, bool] = {}

        def codes(code: str) -> bool:
            answer = answers.get(code)
            if answer is None:
                bare = code.removeprefix(REVERSE)
                answer = answers[code] = bool(bare) and bare != NO_CODE and bool(codable(bare))
            return answer

        by_block: dict[str, tuple[bool, list[Need]]] = {}

        def block_paths(name: str) -> tuple[bool, list[Need]]:
            """(a pattern codes whatever the context, the needs of the patterns that code)"""
            found = by_block.get(name)
            if found is None:
                needs: list[Need] = []
                always = False
                for cameo, need in self._block_needs(name):
                    if codes(cameo):
                        if not need[1]:
                            always, needs = True, []
                            break
                        needs.append(need)
                found = by_block[name] = (always, needs)
            return found

        verb_always: set[str] = set()
        verb_needs: dict[str, list[Need]] = {}
        for lemma, senses in self.verbs.items():
            always = False
            lemma_needs: list[Need] = []
            for sense in senses:
                if codes(sense.override or self.blocks[sense.block].default):
                    always = True
                    break
                block_always, block_needs = block_paths(sense.block)
                if block_always:
                    always = True
                    break
                lemma_needs += block_needs
            if always:
                verb_always.add(lemma)
            elif lemma_needs:
                verb_needs[lemma] = lemma_needs
        noun_ok: set[str] = set()
        for noun, nominal in self.nominals.items():
            if "object-only" in nominal.note:
                continue
            if (nominal.cameo and codable(nominal.cameo)) or nominal.verb in verb_always or (
                nominal.verb in verb_needs
            ):
                noun_ok.add(noun)
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for noun in sorted(noun_ok):
            if " " in noun:
                words = tuple(self.lemmatize(w) for w in noun.split())
                phrases.setdefault(phrase_head(words), []).append((words, noun))
        self._verb_always = frozenset(verb_always)
        self._verb_needs_index = verb_needs
        self._noun_ok = frozenset(noun_ok)
        self._phrases = {head: tuple(found) for head, found in phrases.items()}
        self.trigger_words = frozenset(
            {v.split()[0] for v in verb_always | set(verb_needs)} | noun_ok | set(phrases)
        )

    def _block_needs(self, name: str) -> list[tuple[str, Need]]:
        """(code, need) of each pattern of block ``name``, in order: the need is, for each
        word element of the pattern (``@dobj`` aside), the first words of its alternatives
        (a cheap test) and its alternatives. Worked out once and kept (and cached with the
        lexicon)."""
        found = self._needs_by_block.get(name)
        if found is None:
            found = []
            for pattern in self.blocks[name].patterns:
                elements = tuple(frozenset(el) for el in pattern.left + pattern.right
                                 if el != ((DOBJ,),))
                firsts = tuple(frozenset(alt[0] for alt in el) for el in elements)
                found.append((pattern.cameo, (firsts, elements)))
            self._needs_by_block[name] = found
        return found

    def trigger_candidates(self, forms: Sequence[str]) -> list[tuple[int, bool, bool]]:
        """Tokens of a sentence (given as lower-case forms) that may trigger a frame:
        (index, as a verb, as a noun). The frame builder looks at these tokens only, so a
        sentence without candidates can be skipped before parsing without losing events."""
        lemmas = [self.lemmatize(f) for f in forms]
        if self.trigger_words.isdisjoint(lemmas):
            return []
        present = set(lemmas)
        out = []
        for i, lemma in enumerate(lemmas):
            if lemma not in self.trigger_words:
                continue
            as_verb = self._verb_possible(lemma, present) or any(
                self._verb_possible(multi, present)
                for multi in self._multiword.get(lemma, ())
                if all(w in present for w in multi.split()[1:])
            )
            as_noun = (lemma in self._noun_ok and self._noun_possible(lemma, present)) or any(
                all(w in present for w in words) for words, _key in self._phrases.get(lemma, ()))
            if as_verb or as_noun:
                out.append((i, as_verb, as_noun))
        return out

    def _verb_possible(self, lemma: str, present: set[str]) -> bool:
        if lemma in self._verb_always:
            return True
        for firsts, need in self._verb_needs_index.get(lemma, ()):
            # cheap test first: every element needs one of its first words in the sentence
            if any(present.isdisjoint(first) for first in firsts):
                continue
            if all(any(all(w in present for w in alt) for alt in element) for element in need):
                return True
        return False

    def _noun_possible(self, noun: str, present: set[str]) -> bool:
        nominal = self.nominals[noun]
        if nominal.cameo and self._codable is not None and self._codable(nominal.cameo):
            return True
        return bool(nominal.verb) and self._verb_possible(nominal.verb, present)

    def phrases_of(self, head: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        """The codable nominals of several words whose head is ``head`` (a lemma): their
        words' lemmas and their key in ``nominals``."""
        return self._phrases.get(head, ())

    def has_verb(self, lemma: str) -> bool:
        return lemma in self.verbs

    def code(
        self,
        lemma: str,
        left: Sequence[str],
        right: Sequence[str],
        *,
        has_dobj: bool = False,
    ) -> LexiconMatch | None:
        """The CAMEO code of verb ``lemma`` given subject lemmas ``left`` and complement
        lemmas ``right``; ``None`` when the verb is unknown or nothing codes it."""
        senses = self.verbs.get(lemma)
        if not senses:
            return None
        best: tuple[int, int, Pattern] | None = None
        for order, pattern in self._candidates(lemma, senses, left, right):
            if _matches(pattern, left, right, has_dobj):
                key = (pattern.weight, -order)
                if best is None or key > (best[0], best[1]):
                    best = (key[0], key[1], pattern)
        if best is not None:
            pattern = best[2]
            rule = f"pattern '{pattern.text}' ({pattern.origin})"
            return LexiconMatch.of(pattern.cameo, rule, True)
        for sense in senses:
            if sense.override:
                return LexiconMatch.of(sense.override, f"verb '{lemma}' ({sense.origin})",
                                       False)
            default = self.blocks[sense.block].default
            if default:
                return LexiconMatch.of(default,
                                       f"default of block {sense.block} ({sense.origin})", False)
        return None

    def index_patterns(self) -> None:
        """Index every verb's patterns by the first word they need, once, at load.

        Verbs whose senses have the same blocks share one index: hundreds of verbs share a
        block list, so the index takes 4.4 MB, not the 23.5 MB of one per verb. Built per verb
        on first use, it grew with the verbs a corpus met, and so did a long ingest."""
        shared: dict[tuple[str, ...], PatternIndex] = {}
        self._pattern_index = {}
        for lemma, senses in self.verbs.items():
            blocks = tuple(sense.block for sense in senses)
            if blocks not in shared:
                shared[blocks] = self._index_blocks(blocks)
            self._pattern_index[lemma] = shared[blocks]

    def _index_blocks(self, blocks: tuple[str, ...]) -> PatternIndex:
        bare: list[tuple[int, Pattern]] = []
        by_word: dict[str, list[tuple[int, Pattern]]] = {}
        order = 0
        for block in blocks:
            for pattern in self.blocks[block].patterns:
                order += 1
                first = next((el for el in pattern.left + pattern.right
                              if el != ((DOBJ,),)), None)
                if first is None:
                    bare.append((order, pattern))
                    continue
                for word in {alt[0] for alt in first}:
                    by_word.setdefault(word, []).append((order, pattern))
        return bare, by_word

    def _candidates(
        self, lemma: str, senses: list[VerbSense], left: Sequence[str], right: Sequence[str]
    ) -> list[tuple[int, Pattern]]:
        """The patterns of ``lemma`` that can match: those whose first element has a word
        present in the frame, plus those with no words."""
        index = self._pattern_index.get(lemma)
        if index is None:  # a lexicon built without ``load_verb_lexicon``
            index = self._pattern_index[lemma] = self._index_blocks(
                tuple(sense.block for sense in senses))
        bare, by_word = index
        found = dict(bare)
        for word in set(left) | set(right):
            for order, pattern in by_word.get(word, ()):
                found[order] = pattern
        return sorted(found.items(), key=lambda item: item[0])


def _matches(pattern: Pattern, left: Sequence[str], right: Sequence[str], has_dobj: bool) -> bool:
    return _seq_match(pattern.left, left, has_dobj) and _seq_match(pattern.right, right, has_dobj)


def _seq_match(elements: Sequence[Element], lemmas: Sequence[str], has_dobj: bool) -> bool:
    cursor = 0
    for element in elements:
        if element == ((DOBJ,),):
            if not has_dobj:
                return False
            continue
        found = _find(element, lemmas, cursor)
        if found < 0:
            return False
        cursor = found
    return True


def _find(element: Element, lemmas: Sequence[str], start: int) -> int:
    """Position after the first match of ``element`` at or after ``start``, or -1."""
    for i in range(start, len(lemmas)):
        for alt in element:
            n = len(alt)
            if tuple(lemmas[i : i + n]) == alt:
                return i + n
    return -1


# -- loading ----------------------------------------------------------------------------


DATA_FILES = ("synsets.tsv", "verb_forms.tsv", "redline_verbs.tsv", "cameo_verbs.tsv",
              "nominals.tsv")


def load_verb_lexicon(
    extra_files: Sequence[Path] = (), data_dir: Path | None = None
) -> VerbLexicon:
    """Load the packaged lexicon and any user files (user entries are consulted first).

    Without user files the lexicon is read from the lexicon cache (``redline/cache.py``)
    when an entry built from the same files by the same code is there, else built and
    cached."""
    raw = {name: _read_bytes(data_dir, name) for name in DATA_FILES}
    texts = {name: data.decode("utf-8") if data is not None else None
             for name, data in raw.items()}
    if extra_files:
        return _build_verb_lexicon(texts, extra_files)
    import redline.events.lemmas as lemmas_module
    from redline.cache import cached, fingerprint

    chunks = [part for name, data in raw.items()
              for part in (name.encode(), b"-" if data is None else b"+" + data)]
    key = fingerprint(chunks, [sys.modules[__name__], lemmas_module])
    return cached("verb-lexicon", key, lambda: _build_verb_lexicon(texts, ()))


def _build_verb_lexicon(texts: dict[str, str | None], extra_files: Sequence[Path]
                        ) -> VerbLexicon:
    synsets = _load_synsets(texts["synsets.tsv"] or "")
    irregular = _load_pairs(texts["verb_forms.tsv"] or "", "form", "lemma")
    raw_rows: list[tuple[str, str, str, str, str]] = []  # block, kind, text, cameo, origin
    for name in ("redline_verbs.tsv",):
        text = texts[name]
        if text:
            raw_rows += _simple_rows(text, name)
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconDataError(f"{path}: cannot read verb file ({exc})") from exc
        raw_rows = _simple_rows(text, str(path)) + raw_rows
    cameo_text = texts["cameo_verbs.tsv"] or ""
    raw_rows += _cameo_rows(cameo_text, "cameo_verbs.tsv")
    nominal_rows = _nominal_rows(texts["nominals.tsv"] or "", "nominals.tsv")
    for path in extra_files:
        nominal_rows = _user_nominals(Path(path)) + nominal_rows

    # Lemmas of the lexicon's own words decide how forms are lemmatised.
    known: set[str] = set()
    for _block, kind, text, _cameo, _origin in raw_rows:
        if kind == "verb":
            known.update(text.split())
        elif kind == "pattern":
            known.update(w for w in _words(text) if not w.startswith(("&", "@")))
    for members in synsets.values():
        for alt in members:
            known.update(alt)
    known.update(w for n in nominal_rows for w in n.noun.split())
    lemmatize = Lemmatizer(irregular, known)

    blocks: dict[str, Block] = {}
    verbs: dict[str, list[VerbSense]] = {}
    for block_name, kind, text, cameo, origin in raw_rows:
        block = blocks.setdefault(block_name, Block(block_name, ""))
        if kind == "default":
            block.default = cameo
        elif kind == "verb":
            lemma = " ".join(lemmatize(w) for w in text.split())
            verbs.setdefault(lemma, []).append(VerbSense(lemma, block_name, cameo, origin))
        elif kind == "pattern":
            block.patterns.append(_compile(text, cameo, origin, synsets, lemmatize))
    nominals: dict[str, Nominal] = {}
    for nominal in nominal_rows:
        nominals.setdefault(lemmatize(nominal.noun), nominal)
    lexicon = VerbLexicon(verbs, blocks, nominals, lemmatize, frozenset())
    multiword: dict[str, list[str]] = {}
    for lemma in verbs:
        if " " in lemma:
            multiword.setdefault(lemma.split()[0], []).append(lemma)
    lexicon._multiword = {k: tuple(v) for k, v in multiword.items()}
    lexicon.restrict_triggers(_has_code)
    lexicon.index_patterns()
    return lexicon


def phrase_head(words: Sequence[str]) -> str:
    """The head noun of a nominal of several words: the word before "of" ("show of force",
    "state of emergency"), else the last ("air strike", "joint exercise")."""
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def _has_code(code: str) -> bool:
    return code != NO_CODE


def _compile(
    text: str,
    cameo: str,
    origin: str,
    synsets: dict[str, list[Alternative]],
    lemmatize: Callable[[str], str],
) -> Pattern:
    words = text.split()
    if words.count("*") != 1:
        raise LexiconDataError(f"{origin}: a pattern needs exactly one '*': {text!r}")
    star = words.index("*")

    def element(word: str) -> Element:
        alts: list[Alternative] = []
        for alt in word.split("|"):
            if alt == DOBJ:
                alts.append((DOBJ,))
                continue
            # "a_b" is consecutive words; a part may be a set: "&military_aid"
            sequences: list[tuple[str, ...]] = [()]
            for part in (p for p in alt.split("_") if p):
                if part.startswith("&"):
                    if part not in synsets:
                        raise LexiconDataError(f"{origin}: unknown synonym set {part}")
                    options = synsets[part]
                else:
                    options = [(part,)]
                sequences = [seq + opt for seq in sequences for opt in options]
            alts.extend(tuple(lemmatize(w) for w in seq) for seq in sequences)
        return tuple(dict.fromkeys(a for a in alts if a))

    left = tuple(element(w) for w in words[:star])
    right = tuple(element(w) for w in words[star + 1 :])
    return Pattern(left, right, cameo, text, origin)


def _words(pattern: str) -> Iterable[str]:
    for word in pattern.split():
        for alt in word.split("|"):
            yield from (w for w in alt.split("_") if w and w != "*")


def _cameo_rows(text: str, origin: str) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for lineno, row in _tsv(text, origin, ("block", "kind", "text", "cameo")):
        rows.append((row["block"], row["kind"], row["text"], row["cameo"], f"{origin}:{lineno}"))
    return rows


def _simple_rows(text: str, origin: str) -> list[tuple[str, str, str, str, str]]:
    """Rows of the ``redline_verbs.tsv`` format: ``lemma pos pattern cameo note``.
    Each verb gets a block of its own, so its patterns do not leak to synonyms."""
    rows = []
    for lineno, row in _tsv(text, origin, ("lemma", "pattern", "cameo")):
        if (row.get("pos") or "verb") != "verb":
            continue
        lemma = row["lemma"].strip().lower()
        block = f"{origin}:{lemma}"
        where = f"{origin}:{lineno}"
        pattern = row["pattern"].strip()
        rows.append((block, "verb", lemma, "", where))
        if pattern and pattern != "*":
            rows.append((block, "pattern", pattern, row["cameo"].strip(), where))
        else:
            rows.append((block, "default", "", row["cameo"].strip(), where))
    return rows


def _nominal_rows(text: str, origin: str) -> list[Nominal]:
    out = []
    for _lineno, row in _tsv(text, origin, ("noun", "verb", "cameo")):
        out.append(Nominal(row["noun"].strip().lower(), row["verb"].strip().lower(),
                           row["cameo"].strip(), (row.get("note") or "").strip()))
    return out


def _user_nominals(path: Path) -> list[Nominal]:
    text = path.read_text(encoding="utf-8")
    out = []
    for _lineno, row in _tsv(text, str(path), ("lemma", "pattern", "cameo")):
        if (row.get("pos") or "verb") == "noun":
            verb = (row.get("verb") or "").strip().lower()
            out.append(Nominal(row["lemma"].strip().lower(), verb, row["cameo"].strip(),
                               (row.get("note") or "").strip()))
    return out


def _tsv(text: str, origin: str, required: Sequence[str]) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise LexiconDataError(f"{origin}: missing column(s) {', '.join(missing)} in the header")
    for lineno, row in enumerate(reader, start=2):
        first = row.get(required[0]) or ""
        if not first.strip() or first.startswith("#"):
            continue
        if any(row.get(c) is None for c in required):
            raise LexiconDataError(f"{origin}:{lineno}: too few columns")
        yield lineno, {k: (v or "") for k, v in row.items() if k is not None}


def _load_synsets(text: str) -> dict[str, list[Alternative]]:
    out: dict[str, list[Alternative]] = {}
    for _lineno, row in _tsv(text, "synsets.tsv", ("name", "members")):
        name = row["name"].strip().lower()
        out[name if name.startswith("&") else "&" + name] = [
            tuple(w for w in m.split("_") if w) for m in row["members"].split("|") if m
        ]
    return out


def _load_pairs(text: str, key: str, value: str) -> dict[str, str]:
    return {row[key].strip().lower(): row[value].strip().lower()
            for _lineno, row in _tsv(text, "verb_forms.tsv", (key, value))} if text else {}


def _read_bytes(data_dir: Path | None, name: str) -> bytes | None:
    if data_dir is not None:
        path = data_dir / name
        return path.read_bytes() if path.exists() else None
    ref = resources.files("redline.events") / "data" / name
    return ref.read_bytes() if ref.is_file() else None
