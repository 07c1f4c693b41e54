"""The gold sets as training examples for the relation network's three heads.

- relation head: PLV rows (marked source and target -> root);
- sentence head: pentaclass sentences (-> 0..4);
- pair head: PLV rows and argument-span rows, with the coder's own actor candidates for
  each sentence (``redline.relations.examples``): the gold pair gets its root (PLV) or any
  root of its quad class (argument spans); every other pair of candidates, and every pair
  of a statement sentence, is "no event".

Candidates need the spaCy parse, so they are computed once per sentence and kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from redline.coder import Resources, sentence_candidates
from redline.evaluation.datasets import ArgSpansRow, PentaRow, PlvRow
from redline.ontology.labels import ROOT_LABELS, root_quad
from redline.relations.examples import GoldRelation, pair_example
from redline.relations.train import PairExample, RelationExample, SentenceExample

CharSpan = tuple[int, int]
QUAD_CLASSES: dict[int, tuple[int, ...]] = {
    q: tuple(1 + k for k, label in enumerate(ROOT_LABELS) if root_quad(label) == q)
    for q in (1, 2, 3, 4)
}


def relation_examples(rows: Sequence[PlvRow]) -> list[RelationExample]:
    return [RelationExample(r.sentence, r.source_span, r.target_span, r.gold_root) for r in rows]


def sentence_examples(rows: Sequence[PentaRow]) -> list[SentenceExample]:
    return [SentenceExample(r.text, r.label) for r in rows]


@dataclass
class PairExamples:
    """Builds pair examples, parsing each sentence once however many folds ask for it."""

    resources: Resources
    _spans: dict[str, list[CharSpan]] = field(default_factory=dict)

    def candidates(self, texts: Sequence[str]) -> None:
        missing = sorted({t for t in texts if t not in self._spans})
        for text, found in zip(missing, sentence_candidates(self.resources, missing),
                               strict=True):
            self._spans[text] = [c.span for c in found]

    def build(self, plv: Sequence[PlvRow] = (),
              argspans: Sequence[ArgSpansRow] = ()) -> list[PairExample]:
        gold: dict[str, list[GoldRelation]] = {}
        for r in plv:
            if r.source_span is None or r.target_span is None:
                continue
            gold.setdefault(r.sentence, []).append(GoldRelation(
                (r.source_span,), (r.target_span,), (1 + ROOT_LABELS.index(r.gold_root),)))
        for a in argspans:
            if a.label == 0:  # a statement: every pair is "no event"
                gold.setdefault(a.text, [])
            elif a.sources and a.targets:  # an event with a side missing teaches nothing
                gold.setdefault(a.text, []).append(GoldRelation(
                    tuple(a.sources), tuple(a.targets), QUAD_CLASSES[a.label]))
        self.candidates(list(gold))
        out = []
        for text in sorted(gold):
            example = pair_example(text, self._spans[text], gold[text])
            if example is not None:
                out.append(example)
        return out
