"""Running ``redline eval``: predictions for each dataset kind, scored with ``metrics``.

- ``plv``: relation mode (the relation classifier, given the marked source and target) and
  extraction mode (the coder on the plain sentence: does an event of some type link an actor
  overlapping the source to one overlapping the target?).
- ``pentaclass``: the classifier's sentence head (0 statement / no event, 1..4 quad), and
  in extraction mode the quad of the coder's most salient event.
- ``petr-xml``: the coder on each record: CAMEO root and actor country agreement.

With ``cv=K`` the classifier is retrained for each of K folds on the other folds (plus the
auxiliary gold set, minus any sentence of the test fold) and scored on the held-out fold.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from redline.coder import Coder, Resources
from redline.evaluation.datasets import ArgSpansRow, PentaRow, PetrRecord, PlvRow
from redline.evaluation.metrics import Report, binary_of, quad_of, score
from redline.evaluation.training import PairExamples, relation_examples, sentence_examples
from redline.ontology.labels import PENTA_LABELS, ROOT_LABELS, event_class, to_root
from redline.records import CodedDocument, Document, Event
from redline.relations.classifier import RelationClassifier, sentence_key
from redline.relations.train import (
    PairExample,
    RelationExample,
    SentenceExample,
    TrainConfig,
    train,
)

Progress = Callable[[str], None]
T = TypeVar("T")


@dataclass
class TrainingData:
    """What a fold's classifier is trained on besides the fold's own training rows; with
    ``pairs``, the pair head is trained too (PLV and argument-span rows)."""

    plv: Sequence[PlvRow] = ()
    penta: Sequence[PentaRow] = ()
    argspans: Sequence[ArgSpansRow] = ()
    pairs: PairExamples | None = None

    def pair_examples(self, plv: Sequence[PlvRow], argspans: Sequence[ArgSpansRow],
                      held: Container[str]) -> list[PairExample]:
        """Pair examples from the given rows, none of whose sentences is in ``held``."""
        if self.pairs is None:
            return []
        return self.pairs.build(_without(list(plv), lambda r: r.sentence, held),
                                _without(list(argspans), lambda r: r.text, held))


@dataclass(frozen=True)
class HeldOut:
    """The sentences of test fold ``fold``: a sentence's fold depends only on its normalised
    text and the seed, so every gold set puts a sentence in the same fold. A fold's model
    is then trained on the same examples whichever gold set is being scored, and
    ``redline eval`` trains it once for all of them (see ``_fold_models``)."""

    fold: int
    k: int
    seed: int

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and fold_of(key, self.k, self.seed) == self.fold


def fold_of(key: str, k: int, seed: int) -> int:
    """The test fold (0..k-1) of a sentence key."""
    digest = hashlib.sha1(f"{seed}:{key}".encode()).hexdigest()
    return int(digest[:12], 16) % k


def sentence_folds(texts: Sequence[str], k: int, seed: int) -> list[tuple[list[int], HeldOut]]:
    """K test folds over the rows, by sentence (see ``HeldOut``); empty folds are left out."""
    if k < 2 or k > len(texts):
        raise ValueError(f"--cv needs 2 <= K <= {len(texts)} rows, got {k}")
    out = []
    for fold in range(k):
        held = HeldOut(fold, k, seed)
        test = [i for i, text in enumerate(texts) if sentence_key(text) in held]
        if test:
            out.append((test, held))
    return out


def _without(rows: Sequence[T], text: Callable[[T], str], held_out: Container[str]
             ) -> list[T]:
    return [r for r in rows if sentence_key(text(r)) not in held_out]


# -- PLV --------------------------------------------------------------------------------


FoldModels = list[tuple[list[int], RelationClassifier | None]]


def plv_relation_predictions(
    rows: Sequence[PlvRow],
    classifier: RelationClassifier | None,
    cv: int | None,
    extra: TrainingData,
    config: TrainConfig,
    progress: Progress,
    models: FoldModels | None = None,
) -> list[tuple[str, float]]:
    """Relation-mode (label, probability) per row; with ``cv``, each fold's model is
    appended to ``models``."""
    items = [(r.sentence, r.source_span, r.target_span) for r in rows]
    if cv is None:
        assert classifier is not None
        return classifier.predict(items)
    predicted: list[tuple[str, float]] = [("", 0.0)] * len(rows)

    def training(kept: list[int], held: Container[str]) -> Fold:
        penta = _without(list(extra.penta), lambda r: r.text, held)
        pairs = extra.pair_examples([rows[i] for i in kept], extra.argspans, held)
        return (relation_examples([rows[i] for i in kept]), sentence_examples(penta), pairs,
                f"{len(kept)} PLV rows, {len(penta)} sentences, {len(pairs)} pair sentences")

    for test, model in _fold_models([r.sentence for r in rows], cv, config, training, progress):
        for i, answer in zip(test, model.predict([items[i] for i in test]), strict=True):
            predicted[i] = answer
        if models is not None:
            models.append((test, model))
    return predicted


Fold = tuple[list[RelationExample], list[SentenceExample], list[PairExample], str]


def _fold_models(
    texts: Sequence[str],
    cv: int,
    config: TrainConfig,
    training: Callable[[list[int], Container[str]], Fold],
    progress: Progress,
) -> Iterator[tuple[list[int], RelationClassifier]]:
    """For each fold: (test rows, a model trained without them). ``training`` gets the
    rows to keep and the held-out sentences (keys), and returns the examples and a note;
    no sentence of the test fold, in any gold set, is trained on. A fold's model is kept
    in the cache folder under a hash of its examples and settings, so scoring another gold
    set with the same training data (``--extra`` files) reuses it."""
    for k, (test, held) in enumerate(sentence_folds(texts, cv, config.seed)):
        test_rows = set(test)
        kept = [i for i in range(len(texts)) if i not in test_rows]
        relations, sentences, pairs, note = training(kept, held)
        progress(f"fold {k + 1}/{cv}: training on {note}, testing on {len(test)}")
        yield test, _trained(relations, sentences, pairs, config, progress)


def _trained(relations: list[RelationExample], sentences: list[SentenceExample],
             pairs: list[PairExample], config: TrainConfig,
             progress: Progress) -> RelationClassifier:
    """A model trained on these examples: from the cache when it holds one, else trained
    and stored. The model is always the one read back from its file (half-precision
    weights), so figures do not depend on whether it was cached."""
    from redline.cache import cache_dir, fingerprint
    from redline.relations import model as model_code
    from redline.relations import pairs as pairs_code
    from redline.relations import train as train_code

    examples = repr((sorted(config.to_dict().items()), ROOT_LABELS, relations, sentences, pairs))
    digest = fingerprint([examples.encode()], [model_code, pairs_code, train_code])
    folder = cache_dir()
    path = folder / "fold-models" / f"{digest}.pt" if folder is not None else None
    if path is not None and path.is_file():
        progress(f"using the fold model cached in {path}")
        return RelationClassifier.load(path)
    model = train(relations, sentences, ROOT_LABELS, config, progress, pairs=pairs)
    if path is None:
        return model
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        model.save(partial)
        partial.replace(path)
        return RelationClassifier.load(path)
    except OSError:
        return model


Linked = tuple[str | None, bool]  # (root of the linking event, typed by a specific rule)


def plv_extraction_predictions(
    rows: Sequence[PlvRow], resources: Resources, models: FoldModels | None = None
) -> list[Linked]:
    """The root of the first coded event whose actor overlaps the source and whose recipient
    overlaps the target (an implicit actor matches anything), else ``None``. With
    ``models`` (test rows, classifier) the coder links each fold's rows with that fold's
    pair model (see ``redline.events.linking``)."""
    parts = models if models is not None else [(list(range(len(rows))), resources.relations)]
    out: list[Linked] = [(None, False)] * len(rows)
    for test, classifier in parts:
        coder = Coder(replace(resources, relations=classifier))
        documents = [Document(f"plv-{rows[i].row}", rows[i].sentence) for i in test]
        for i, coded in zip(test, coder.code_documents(documents), strict=True):
            out[i] = _linking_root(rows[i], coded)
    return out


def _linking_root(row: PlvRow, coded: CodedDocument) -> Linked:
    for event in coded.events:
        if _overlaps_any(event.actor, row.source_span) and _overlaps_any(event.recipient,
                                                                           row.target_span):
            return to_root(event.event), bool(event.typed_by) and "classifier" not in \
                event.typed_by
    return None, False


def combine(relation: Sequence[tuple[str, float]], extraction: Sequence[Linked],
            threshold: float) -> list[str]:
    """The ensemble of relation mode and the lexicon: where the coder links the pair with
    an event typed by a specific lexicon pattern and the classifier is less sure than
    ``threshold``, the lexicon's root wins."""
    out = []
    for (label, probability), (root, specific) in zip(relation, extraction, strict=True):
        use_lexicon = root is not None and specific and probability < threshold
        out.append(root if use_lexicon and root is not None else label)
    return out


def _overlaps_any(actors: Sequence[Any], span: tuple[int, int] | None) -> bool:
    if span is None:
        return True
    return any(a.span[0] < span[1] and span[0] < a.span[1] for a in actors)


def plv_report(gold: Sequence[str], predicted: Sequence[str | None]) -> dict[str, Any]:
    roots = score(gold, predicted, ROOT_LABELS)
    quads = score(quad_of(gold), quad_of(predicted), [1, 2, 3, 4])
    binary = score(binary_of(gold), binary_of(predicted), ["cooperation", "conflict"])
    return _summary(roots, quads, binary)


def _summary(main: Report, quads: Report | None, binary: Report | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "macro_f1": round(main.macro_f1, 4),
        "accuracy": round(main.accuracy, 4),
        "weighted_f1": round(main.weighted_f1, 4),
        "coverage": round(main.coverage, 4),
    }
    if quads is not None:
        out["quad_macro_f1"] = round(quads.macro_f1, 4)
    if binary is not None:
        out["binary_macro_f1"] = round(binary.macro_f1, 4)
    details = main.to_dict()
    out["per_class"] = details["per_class"]
    out["confusion"] = details["confusion"]
    if quads is not None:
        out["quad"] = quads.to_dict()
    if binary is not None:
        out["binary"] = binary.to_dict()
    return out


# -- pentaclass -------------------------------------------------------------------------


def penta_predictions(
    rows: Sequence[PentaRow],
    classifier: RelationClassifier | None,
    cv: int | None,
    extra: TrainingData,
    config: TrainConfig,
    progress: Progress,
    models: FoldModels | None = None,
) -> list[int]:
    """The sentence head's label per row; with ``cv``, each fold's model is appended to
    ``models``."""
    texts = [r.text for r in rows]
    if cv is None:
        assert classifier is not None
        return [label for label, _p in classifier.predict_penta(texts)]
    predicted = [0] * len(rows)

    def training(kept: list[int], held: Container[str]) -> Fold:
        plv = _without(list(extra.plv), lambda r: r.sentence, held)
        pairs = extra.pair_examples(plv, extra.argspans, held)
        return (relation_examples(plv), sentence_examples([rows[i] for i in kept]), pairs,
                f"{len(kept)} sentences, {len(plv)} PLV rows, {len(pairs)} pair sentences")

    for test, model in _fold_models(texts, cv, config, training, progress):
        for i, (label, _p) in zip(test, model.predict_penta([texts[i] for i in test]),
                                  strict=True):
            predicted[i] = label
        if models is not None:
            models.append((test, model))
    return predicted


def penta_extraction_predictions(rows: Sequence[PentaRow], resources: Resources,
                                 models: FoldModels | None = None) -> list[int]:
    """The class of the sentence's most salient coded event (asserted first, then the most
    confident; see :func:`sentence_class`), or 0 when nothing is coded. With ``models``
    (test rows, classifier) each fold's rows are coded with that fold's classifier."""
    parts = models if models is not None else [(list(range(len(rows))), resources.relations)]
    out = [0] * len(rows)
    for test, classifier in parts:
        coder = Coder(replace(resources, relations=classifier))
        documents = [Document(f"penta-{rows[i].row}", rows[i].text) for i in test]
        for i, coded in zip(test, coder.code_documents(documents), strict=True):
            out[i] = sentence_class(_most_salient(coded.events))
    return out


def sentence_class(event: Event | None) -> int:
    """The 5-class label an event gives its sentence (0 without one): the Phoenix quad of its
    CAMEO code, the convention of the ConfliBERT classes (an appeal is a statement, a
    sanction verbal conflict), else the quad of its PLOVER type."""
    return event_class(event.cameo, event.event) if event is not None else 0


def _most_salient(events: Sequence[Event]) -> Event | None:
    if not events:
        return None
    return max(events, key=lambda e: (e.asserted, e.confidence, -e.event_span[0]))


def penta_report(gold: Sequence[int], predicted: Sequence[int | None]) -> dict[str, Any]:
    report = score(gold, predicted, sorted(PENTA_LABELS))
    return _summary(report, None, None)


# -- PETRARCH validation records ---------------------------------------------------------


def petr_report(records: Sequence[PetrRecord], resources: Resources) -> dict[str, Any]:
    """Per gold event: is there a coded event with the same CAMEO root, and with the same
    source and target countries? A ``noevents`` record is right only if nothing is coded."""
    coder = Coder(resources)
    documents = [Document(r.id, r.text, date.fromisoformat(r.date)) for r in records]
    gold_events = root_hits = actor_hits = both = 0
    record_ok = 0
    details = []
    for record, coded in zip(records, coder.code_documents(documents), strict=True):
        coded_summary = [(e.cameo[:2], [a.code for a in e.actor], [r.code for r in e.recipient])
                         for e in coded.events]
        if record.noevents:
            ok = not coded.events
        else:
            ok = True
            for gold in record.events:
                gold_events += 1
                root = gold.code[:2]
                src, tgt = gold.source[:3], gold.target[:3]
                r_ok = any(c[0] == root for c in coded_summary)
                a_ok = any(src in c[1] and tgt in c[2] for c in coded_summary)
                b_ok = any(c[0] == root and src in c[1] and tgt in c[2] for c in coded_summary)
                root_hits += r_ok
                actor_hits += a_ok
                both += b_ok
                ok = ok and b_ok
        record_ok += ok
        details.append({"id": record.id, "correct": ok, "noevents": record.noevents,
                        "gold": [f"{e.source} {e.target} {e.code}" for e in record.events],
                        "coded": [f"{','.join(c[1])} {','.join(c[2])} {c[0]}"
                                  for c in coded_summary]})
    n = len(records)
    return {
        "records": n,
        "records_correct": round(record_ok / n, 4) if n else 0.0,
        "gold_events": gold_events,
        "cameo_root_agreement": round(root_hits / gold_events, 4) if gold_events else None,
        "country_agreement": round(actor_hits / gold_events, 4) if gold_events else None,
        "root_and_country_agreement": round(both / gold_events, 4) if gold_events else None,
        "noevents_records": sum(1 for r in records if r.noevents),
        "details": details,
    }


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, round(time.perf_counter() - start, 1)
