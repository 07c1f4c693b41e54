"""Classification scores for comparing predicted labels with gold labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from redline.ontology.labels import quad_binary, root_quad

NONE_COLUMN: Final[str] = "(none)"


@dataclass(frozen=True)
class ClassScores:
    precision: float
    recall: float
    f1: float
    support: int  # gold rows of the class

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
        }


@dataclass(frozen=True)
class Report:
    """Scores of one comparison; labels are keyed by ``str(label)``.

    ``confusion[gold][predicted]`` counts rows; it has a row for every label in the
    label set and every other gold label, and a column for every label in the label set,
    every other predicted label and ``"(none)"`` (no prediction).
    """

    accuracy: float
    macro_f1: float
    weighted_f1: float
    coverage: float
    per_class: dict[str, ClassScores]
    confusion: dict[str, dict[str, int]]
    n: int

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types, floats rounded to 4 places."""
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "weighted_f1": round(self.weighted_f1, 4),
            "coverage": round(self.coverage, 4),
            "per_class": {str(k): v.to_dict() for k, v in self.per_class.items()},
            "confusion": {
                str(g): {str(p): int(c) for p, c in row.items()}
                for g, row in self.confusion.items()
            },
        }


def _sorted(labels: Iterable[Hashable]) -> list[Hashable]:
    items = list(set(labels))
    try:
        return sorted(items)  # type: ignore[type-var]
    except TypeError:  # labels of mixed types
        return sorted(items, key=lambda x: (type(x).__name__, str(x)))


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def score(
    gold: Sequence[Hashable],
    predicted: Sequence[Hashable | None],
    labels: Sequence[Hashable] | None = None,
) -> Report:
    """Score ``predicted`` against ``gold`` (two sequences of the same, non-zero length).

    Conventions:

    * Labels may be any hashable values (strings, or ints such as pentaclass 0..4); the
      report keys them by ``str(label)``, so two labels must not print alike.
    * ``None`` in ``predicted`` means no prediction: the row counts as wrong for accuracy
      and for the recall of its gold class, does not count for any class's precision,
      and appears in the confusion matrix under the column ``"(none)"``.
    * ``coverage`` is the share of rows with a prediction; ``accuracy`` the share of all
      rows whose prediction equals the gold label.
    * ``labels`` (the classes scored) defaults to the sorted set of gold labels. Gold rows
      outside ``labels`` count for accuracy only; predictions outside ``labels`` are wrong
      and appear in the confusion matrix.
    * Per class: precision = right / predicted as the class, recall = right / gold rows
      of the class (``support``), F1 their harmonic mean. A class with no predicted rows
      has precision 0, a class with no gold rows recall 0; F1 is then 0.
    * ``macro_f1`` is the unweighted mean of per-class F1 over ``labels``, leaving out
      classes with neither gold nor predicted rows; ``weighted_f1`` is the mean of
      per-class F1 weighted by support (0 when no gold row has a label in ``labels``).
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    if not gold:
        raise ValueError("nothing to score: no gold labels")
    if any(g is None for g in gold):
        raise ValueError("a gold label is None")
    classes = list(dict.fromkeys(labels)) if labels is not None else _sorted(gold)
    known = set(classes)
    extra_gold = _sorted(g for g in gold if g not in known)
    extra_pred = _sorted(p for p in predicted if p is not None and p not in known)
    every = [*classes, *extra_gold, *extra_pred]
    names = [str(x) for x in every]
    if NONE_COLUMN in names or len(set(names)) != len(set(every)):
        raise ValueError(f"labels print alike or as {NONE_COLUMN!r}: {sorted(names)}")

    pairs = Counter(zip(gold, predicted, strict=True))
    gold_count = Counter(gold)
    pred_count = Counter(p for p in predicted if p is not None)
    n = len(gold)

    per_class: dict[str, ClassScores] = {}
    macro_terms: list[float] = []
    weighted_sum = 0.0
    weighted_support = 0
    for label in classes:
        right = pairs[(label, label)]
        support = gold_count[label]
        n_pred = pred_count[label]
        precision = right / n_pred if n_pred else 0.0
        recall = right / support if support else 0.0
        f1 = _f1(precision, recall)
        per_class[str(label)] = ClassScores(precision, recall, f1, support)
        if support or n_pred:
            macro_terms.append(f1)
        weighted_sum += f1 * support
        weighted_support += support

    columns: list[Hashable | None] = [*classes, *extra_pred, None]
    confusion = {
        str(g): {(NONE_COLUMN if p is None else str(p)): pairs[(g, p)] for p in columns}
        for g in [*classes, *extra_gold]
    }
    return Report(
        accuracy=sum(pairs[(g, g)] for g in gold_count) / n,
        macro_f1=sum(macro_terms) / len(macro_terms) if macro_terms else 0.0,
        weighted_f1=weighted_sum / weighted_support if weighted_support else 0.0,
        coverage=sum(pred_count.values()) / n,
        per_class=per_class,
        confusion=confusion,
        n=n,
    )


def quad_of(labels: Iterable[str | None]) -> list[int | None]:
    """The quad class of each root label (or PLOVER type); None stays None."""
    return [None if label is None else root_quad(label) for label in labels]


def binary_of(labels: Iterable[str | None]) -> list[str | None]:
    """``"cooperation"``/``"conflict"`` for each root label (or PLOVER type); None stays None."""
    return [None if label is None else quad_binary(root_quad(label)) for label in labels]
