"""``redline eval argspans``: does the coder find who did what to whom?

The gold set (:func:`~redline.evaluation.datasets.read_argspans`) gives each sentence a
class (0 statement / no event, 1..4 the quad class) and the character spans of its sources
and targets. The coder codes each sentence as a document of its own (so event spans are
sentence offsets), and per sentence:

* ``pair`` (event sentences, label 1..4): some coded event has an actor overlapping a gold
  source span and a recipient overlapping a gold target span. As in the PLV extraction
  score, a side the gold data leaves without a span is implicit and matches any event.
* ``full``: the same, and the event's class is the label: the Phoenix quad of its CAMEO
  code, the convention of the gold classes (:func:`~redline.ontology.labels.event_class`;
  the quad of its PLOVER type when it has no CAMEO code).
* ``quad_match``: some coded event has the label's quad class, whatever its actors.
* ``any_event``: something is coded at all.
* ``false_alarm`` (statements, label 0): an asserted event with both an actor and a
  recipient is coded.

Each figure is the share of the sentences it is defined for; ``explicit`` repeats ``full``
and ``pair`` on the event sentences that have both a source and a target span.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

from redline.evaluation.datasets import ArgSpansRow, Span
from redline.ontology.labels import PENTA_LABELS, event_class
from redline.records import ActorRef, Event

if TYPE_CHECKING:
    from redline.coder import Resources
    from redline.evaluation.runner import Fold, TrainingData
    from redline.relations.train import TrainConfig

EVENT_LABELS: Final[tuple[int, ...]] = (1, 2, 3, 4)


@dataclass(frozen=True)
class Outcome:
    """What the coder's events for one sentence achieve (see the module docstring)."""

    any_event: bool
    quad_match: bool
    pair: bool
    full: bool
    false_alarm: bool

    def label(self, gold: int) -> str:
        """One word for ``--predictions``: ``full``, ``pair``, ``event`` or ``none`` for an
        event sentence; ``false_alarm``, ``event`` or ``none`` for a statement."""
        if gold == 0:
            return "false_alarm" if self.false_alarm else "event" if self.any_event else "none"
        if self.full:
            return "full"
        if self.pair:
            return "pair"
        return "event" if self.any_event else "none"


def _overlaps(actors: Sequence[ActorRef], gold: Sequence[Span]) -> bool:
    """An actor overlaps a gold span; no gold span (an implicit side) matches anything."""
    if not gold:
        return True
    return any(a.span[0] < end and start < a.span[1] for a in actors for start, end in gold)


def _quad(event: Event) -> int:
    return event_class(event.cameo, event.event)


def sentence_outcome(row: ArgSpansRow, events: Sequence[Event]) -> Outcome:
    """Score the coder's ``events`` for the sentence of ``row``."""
    linked = [e for e in events
              if _overlaps(e.actor, row.sources) and _overlaps(e.recipient, row.targets)]
    return Outcome(
        any_event=bool(events),
        quad_match=any(_quad(e) == row.label for e in events),
        pair=bool(linked),
        full=any(_quad(e) == row.label for e in linked),
        false_alarm=any(e.asserted and e.actor and e.recipient for e in events),
    )


def _share(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


def argspans_report(rows: Sequence[ArgSpansRow],
                    events: Sequence[Sequence[Event]]) -> dict[str, Any]:
    """The figures for ``rows`` given the coded events of each (plain JSON types)."""
    if len(rows) != len(events):
        raise ValueError(f"{len(rows)} rows but events for {len(events)}")
    outcomes = [sentence_outcome(r, e) for r, e in zip(rows, events, strict=True)]
    pairs = list(zip(rows, outcomes, strict=True))
    coded = [o for r, o in pairs if r.label in EVENT_LABELS]
    statements = [o for r, o in pairs if r.label == 0]
    explicit = [o for r, o in pairs if r.label in EVENT_LABELS and r.sources and r.targets]

    def shares(items: Sequence[Outcome], *keys: str) -> dict[str, float | None]:
        return {k: _share(sum(getattr(o, k) for o in items), len(items)) for k in keys}

    per_label: dict[str, dict[str, Any]] = {}
    for label in sorted(PENTA_LABELS):
        items = [o for r, o in pairs if r.label == label]
        keys = ("false_alarm", "any_event") if label == 0 else \
            ("full", "pair", "quad_match", "any_event")
        per_label[str(label)] = {"n": len(items), **shares(items, *keys)}
    return {
        "events": len(coded),
        "statements": len(statements),
        **shares(coded, "full", "pair", "quad_match", "any_event"),
        "false_alarm": shares(statements, "false_alarm")["false_alarm"],
        "statement_any_event": shares(statements, "any_event")["any_event"],
        "explicit": {"events": len(explicit), **shares(explicit, "full", "pair")},
        "per_label": per_label,
    }


def outcome_labels(rows: Sequence[ArgSpansRow],
                   events: Sequence[Sequence[Event]]) -> list[str]:
    """The ``--predictions`` word of each row (see :meth:`Outcome.label`)."""
    return [sentence_outcome(r, e).label(r.label) for r, e in zip(rows, events, strict=True)]


# -- coding the sentences ---------------------------------------------------------------


def fold_training(rows: Sequence[ArgSpansRow],
                  extra: TrainingData) -> Callable[[list[int], Container[str]], Fold]:
    """The training data of a fold (for ``runner._fold_models``): the sentences of
    ``extra.penta`` and the PLV rows of ``extra.plv`` outside the test fold, and the kept
    argspans rows as sentences where the pentaclass data lacks them."""
    from redline.evaluation.runner import _without
    from redline.evaluation.training import relation_examples
    from redline.relations.classifier import sentence_key
    from redline.relations.train import SentenceExample

    def training(kept: list[int], held: Container[str]) -> Fold:
        penta = _without(list(extra.penta), lambda r: r.text, held)
        known = {sentence_key(r.text) for r in penta}
        own = [rows[i] for i in kept if sentence_key(rows[i].text) not in known]
        plv = _without(list(extra.plv), lambda r: r.sentence, held)
        sentences = [*(SentenceExample(r.text, r.label) for r in penta),
                     *(SentenceExample(r.text, r.label) for r in own)]
        pairs = extra.pair_examples(plv, [rows[i] for i in kept], held)
        return (relation_examples(plv), sentences, pairs,
                f"{len(sentences)} sentences ({len(own)} of them argspans rows), "
                f"{len(plv)} PLV rows and {len(pairs)} pair sentences")

    return training


def coded_events(
    rows: Sequence[ArgSpansRow],
    resources: Resources,
    cv: int | None = None,
    extra: TrainingData | None = None,
    config: TrainConfig | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[list[Event]]:
    """The coder's events for each row. Without ``cv`` the coder uses ``resources`` as
    given; with ``cv=K`` the relation classifier is retrained for each of K folds (see
    :func:`fold_training`) and codes that fold's rows."""
    from redline.coder import Coder
    from redline.evaluation.runner import TrainingData, _fold_models
    from redline.records import Document
    from redline.relations.train import TrainConfig

    out: list[list[Event]] = [[] for _ in rows]

    def code(test: list[int], coder: Coder) -> None:
        documents = [Document(f"argspans-{rows[i].row}", rows[i].text) for i in test]
        for i, coded in zip(test, coder.code_documents(documents), strict=True):
            out[i] = list(coded.events)

    if cv is None:
        code(list(range(len(rows))), Coder(resources))
        return out
    training = fold_training(rows, extra if extra is not None else TrainingData())
    for test, model in _fold_models([r.text for r in rows], cv, config or TrainConfig(),
                                    training, progress or (lambda _message: None)):
        code(test, Coder(replace(resources, relations=model)))
    return out
