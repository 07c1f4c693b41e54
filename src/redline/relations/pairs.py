"""Sentences with actor candidates as batches for the pair head.

A sentence is encoded once; each candidate's character span becomes the range of word
pieces it covers, and every ordered pair of candidates (source, target) is scored. A
candidate beyond the encoder's length limit has no pieces, and its pairs are not scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import torch

from redline.relations.model import PairBatch

CharSpan = tuple[int, int]


@dataclass(frozen=True)
class PairItem:
    """A sentence, its candidates' character spans and the ordered pairs to score (all of
    them when ``pairs`` is empty)."""

    text: str
    spans: Sequence[CharSpan]
    pairs: Sequence[tuple[int, int]] = field(default_factory=tuple)

    def all_pairs(self) -> list[tuple[int, int]]:
        if self.pairs:
            return list(self.pairs)
        n = len(self.spans)
        return [(i, j) for i in range(n) for j in range(n) if i != j]


@dataclass(frozen=True)
class EncodedItem:
    ids: list[int]
    pieces: list[CharSpan | None]  # word-piece range of each candidate span
    pairs: list[tuple[int, int]]  # the scorable ones


def encode_items(tokenizer: object, items: Sequence[PairItem], max_length: int
                 ) -> list[EncodedItem]:
    if not items:
        return []
    encoded = tokenizer([item.text for item in items], truncation=True,  # type: ignore
                        max_length=max_length, return_offsets_mapping=True)
    out = []
    for item, ids, offsets in zip(items, encoded["input_ids"], encoded["offset_mapping"],
                                  strict=True):
        pieces = [piece_range(offsets, span) for span in item.spans]
        pairs = [(i, j) for i, j in item.all_pairs()
                 if pieces[i] is not None and pieces[j] is not None]
        out.append(EncodedItem(list(ids), pieces, pairs))
    return out


def piece_range(offsets: Sequence[Sequence[int]], span: CharSpan) -> CharSpan | None:
    """The word pieces [start, end) that overlap the character span (special tokens, with
    empty offsets, never do)."""
    c0, c1 = span
    hits = [k for k, (a, b) in enumerate(offsets) if b > a and a < c1 and c0 < b]
    return (hits[0], hits[-1] + 1) if hits else None


def pair_batch(pad_id: int, rows: Sequence[EncodedItem]) -> tuple[PairBatch,
                                                                   list[tuple[int, int, int]]]:
    """One padded batch and, for each of its pair rows, (item in ``rows``, source, target)."""
    width = max(len(r.ids) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    keys: list[tuple[int, int, int]] = []
    for b, row in enumerate(rows):
        ids[b, : len(row.ids)] = torch.tensor(row.ids, dtype=torch.long)
        mask[b, : len(row.ids)] = 1
        keys += [(b, i, j) for i, j in row.pairs]
    one_hot = torch.zeros((len(keys), len(rows)))
    weights = torch.zeros((3, len(keys), len(rows) * width))
    first = torch.zeros(len(keys))
    for k, (b, i, j) in enumerate(keys):
        source, target = rows[b].pieces[i], rows[b].pieces[j]
        assert source is not None and target is not None
        one_hot[k, b] = 1.0
        gap = (min(source[1], target[1]), max(source[0], target[0]))
        for w, (start, end) in enumerate((source, target, gap)):
            if end > start:
                weights[w, k, b * width + start : b * width + end] = 1.0 / (end - start)
        first[k] = float(source[0] < target[0])
    return PairBatch(ids, mask, one_hot, weights, first), keys
