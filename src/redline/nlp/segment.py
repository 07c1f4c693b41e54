"""Split a document into sentences without parsing it.

Sentences are found by rules (paragraph breaks, final punctuation followed by a word that
can start a sentence), not by the dependency parser: the prefilter must decide which
sentences to parse, so segmentation comes first and is the same whether a sentence is later
parsed or not. A period ends a sentence only where the spaCy tokenizer splits it from its
word, so abbreviations ("Mr.", "Jan.", "Gen.") do not end sentences and "U.S." does only
before a word such as "The".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Protocol

from redline.records import Sentence


class TokenLike(Protocol):
    @property
    def text(self) -> str: ...


Tokenizer = Callable[[str], Iterable[TokenLike]]

OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", "«"})
# After an abbreviation that ends a sentence ("... from the U.S. The ..."), these words start
# a new sentence.
SENTENCE_STARTERS = frozenset(
    "the he she it they we i this that these those but and in on at a an after before "
    "meanwhile however earlier later".split()
)
MAX_SENTENCE_WORDS = 120
MAX_HEADING_WORDS = 8
HEADING_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from as vs".split())
HEADING_ENDINGS = tuple(".!?…:;\"”’')]»")
_PARAGRAPH = re.compile(r"[^\n]+")
_CANDIDATE = re.compile(r"([.!?…]+)([\"”’')\]»]*)(?=\s|$)")
_WORD = re.compile(r"\S+")


class SentenceSplitter:
    """Splits text into sentences; remembers the tokenizer's verdict on each word ending in
    a period (is the period split off?)."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self._period_words: dict[str, str] = {}

    def split(self, text: str) -> list[Sentence]:
        """Sentences of ``text`` with document-level character offsets."""
        sentences: list[Sentence] = []
        for paragraph in _PARAGRAPH.finditer(text):
            line = paragraph.group()
            if not line.strip():
                continue
            spans = list(self._paragraph_spans(line))
            for start, end in spans:
                body = line[start:end]
                heading = len(spans) == 1 and _is_heading(body)
                s0 = paragraph.start() + start
                sentences.append(Sentence(len(sentences), s0, s0 + len(body), body, heading))
        return sentences

    def _paragraph_spans(self, line: str) -> Iterable[tuple[int, int]]:
        start = len(line) - len(line.lstrip())
        for match in _CANDIDATE.finditer(line):
            if match.start() < start:
                continue
            rest = match.end() + (len(line[match.end():]) - len(line[match.end():].lstrip()))
            if rest >= len(line):
                break
            next_word = line[rest:].split(None, 1)[0]
            if self._ends_sentence(line, match, next_word) and _starts_sentence(next_word):
                yield from _capped(line, start, match.end())
                start = rest
        end = len(line.rstrip())
        if end > start:
            yield from _capped(line, start, end)

    def _ends_sentence(self, line: str, match: re.Match[str], next_word: str) -> bool:
        if match.group(1) != ".":
            return True
        word_start = line.rfind(" ", 0, match.start()) + 1
        last = self._last_token(line[word_start : match.end(1)])
        if last == ".":
            return True
        return last.count(".") >= 2 and next_word.lower() in SENTENCE_STARTERS

    def _last_token(self, word: str) -> str:
        last = self._period_words.get(word)
        if last is None:
            tokens = [t.text for t in self.tokenizer(word)]
            last = tokens[-1] if tokens else ""
            if len(self._period_words) < 100_000:
                self._period_words[word] = last
        return last


def split_sentences(text: str, tokenizer: Tokenizer) -> list[Sentence]:
    """Sentences of ``text`` (a convenience wrapper around :class:`SentenceSplitter`)."""
    return SentenceSplitter(tokenizer).split(text)


def _capped(line: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Cut run-on "sentences" (tables, lists) into parseable pieces of whole words."""
    words = list(_WORD.finditer(line, start, end))
    while len(words) > MAX_SENTENCE_WORDS:
        piece_end = words[MAX_SENTENCE_WORDS - 1].end()
        yield start, piece_end
        words = words[MAX_SENTENCE_WORDS:]
        start = words[0].start()
    yield start, end


def _starts_sentence(word: str) -> bool:
    first = word[0]
    return first.isupper() or first.isdigit() or first in OPENERS or not first.isalpha()


def _is_heading(body: str) -> bool:
    """A short title-case line without final punctuation ("South Korea's Response")."""
    words = body.split()
    if not words or len(words) > MAX_HEADING_WORDS or body.endswith(HEADING_ENDINGS):
        return False
    alpha = [w for w in words if w[:1].isalpha() and w.lower() not in HEADING_SMALL_WORDS]
    return bool(alpha) and all(w[0].isupper() for w in alpha)
