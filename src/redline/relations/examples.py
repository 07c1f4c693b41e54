"""Training examples for the pair head from gold sentences and the coder's candidates.

The gold sets mark a sentence's source and target (PLV: one pair and its root per row;
ConfliBERT argument spans: source and target spans with the sentence's 5-class label). The
coder proposes its own candidates for the same sentence; each gold span is matched to the
candidate that overlaps it most (a gold span no candidate overlaps becomes a candidate of
its own, so the model still sees it). The matched (source, target) pairs get the gold
classes; every other ordered pair of the sentence's candidates is "no event", which is how
the model learns to say no: the reversed pair, side actors, and every pair of a statement
sentence. Pairs that overlap the gold spans without being the best match are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redline.relations.train import PairExample

CharSpan = tuple[int, int]
NO_EVENT = (0,)


@dataclass(frozen=True)
class GoldRelation:
    """Gold sources and targets of one event of a sentence and the pair head's classes
    that are right for it."""

    sources: tuple[CharSpan, ...]
    targets: tuple[CharSpan, ...]
    classes: tuple[int, ...]


def pair_example(text: str, candidates: Sequence[CharSpan],
                 gold: Sequence[GoldRelation]) -> PairExample | None:
    """The example for one sentence (``gold`` empty: a sentence with no event), or ``None``
    when it has fewer than two candidates."""
    spans = list(candidates)
    for relation in gold:
        for span in (*relation.sources, *relation.targets):
            if not any(_overlap(span, c) for c in spans):
                spans.append(span)
    if len(spans) < 2:
        return None
    labelled: dict[tuple[int, int], tuple[int, ...]] = {}
    touched: set[tuple[int, int]] = set()
    for relation in gold:
        sources = [_best(span, spans) for span in relation.sources]
        targets = [_best(span, spans) for span in relation.targets]
        for s in sources:
            for t in targets:
                if s != t:
                    labelled[(s, t)] = tuple(sorted(set(labelled.get((s, t), ()))
                                                    | set(relation.classes)))
        near_sources = {k for k, c in enumerate(spans)
                        if any(_overlap(c, g) for g in relation.sources)}
        near_targets = {k for k, c in enumerate(spans)
                        if any(_overlap(c, g) for g in relation.targets)}
        touched.update((s, t) for s in near_sources for t in near_targets if s != t)
    pairs = []
    for i in range(len(spans)):
        for j in range(len(spans)):
            if i == j:
                continue
            if (i, j) in labelled:
                pairs.append((i, j, labelled[(i, j)]))
            elif (i, j) not in touched:
                pairs.append((i, j, NO_EVENT))
    return PairExample(text, tuple(spans), tuple(pairs))


def _overlap(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _best(span: CharSpan, spans: Sequence[CharSpan]) -> int:
    """The index of the span overlapping ``span`` most (ties: the shortest)."""
    def score(k: int) -> tuple[int, int]:
        c = spans[k]
        return (min(c[1], span[1]) - max(c[0], span[0]), -(c[1] - c[0]))
    return max(range(len(spans)), key=score)
