"""Marking the two actors in a sentence for the relation model: "@ source @", "# target #"
(punctuation markers that the encoder's vocabulary already knows)."""

from __future__ import annotations

SOURCE_MARK = "@"
TARGET_MARK = "#"

Span = tuple[int, int] | None


def mark(sentence: str, source: Span, target: Span) -> str:
    """The sentence with markers around the source and target spans (either may be ``None``
    when the actor is implicit). Marker characters already in the text become spaces."""
    text = sentence.replace(SOURCE_MARK, " ").replace(TARGET_MARK, " ")
    inserts: list[tuple[int, int, int, str]] = []  # (position, order, tie-break, text)
    for span, marker in ((source, SOURCE_MARK), (target, TARGET_MARK)):
        if span is None:
            continue
        start, end = span
        # at one position, closing markers come first; nested spans stay nested: the
        # longer span opens first and the inner one closes first
        inserts.append((start, 1, -end, f" {marker} "))
        inserts.append((end, 0, -start, f" {marker} "))
    out = []
    last = 0
    for position, _order, _tie, piece in sorted(inserts):
        out.append(text[last:position])
        out.append(piece)
        last = position
    out.append(text[last:])
    return " ".join("".join(out).split())


def find_span(sentence: str, phrase: str) -> Span:
    """The first occurrence of ``phrase`` in ``sentence`` (case-insensitive), or ``None``."""
    if not phrase:
        return None
    at = sentence.find(phrase)
    if at < 0:
        at = sentence.lower().find(phrase.lower())
    return (at, at + len(phrase)) if at >= 0 else None
