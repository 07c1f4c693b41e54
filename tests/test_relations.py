"""The relation classifier: markers, deterministic training, cross-validation folds."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from redline.evaluation.datasets import PentaRow, PlvRow
from redline.evaluation.runner import TrainingData, plv_relation_predictions, sentence_folds
from redline.ontology.labels import ROOT_LABELS
from redline.relations.classifier import RelationClassifier, sentence_key
from redline.relations.markers import find_span, mark
from redline.relations.train import RelationExample, SentenceExample, TrainConfig, train

TINY = TrainConfig(epochs=1, batch_size=4, max_length=48, seed=5)

RELATIONS = [
    RelationExample("Russia attacked Ukraine on Monday.", (0, 6), (16, 23), "ASSAULT"),
    RelationExample("France praised Germany for its help.", (0, 6), (15, 22), "SUPPORT"),
    RelationExample("Iran threatened Israel with retaliation.", (0, 4), (16, 22), "THREATEN"),
    RelationExample("China met Brazil in Beijing.", (0, 5), (10, 16), "CONSULT"),
    RelationExample("Japan sent aid to Turkey after the quake.", (0, 5), (18, 24), "AID"),
    RelationExample("Peru accused Chile of spying.", (0, 4), (13, 18), "ACCUSE"),
]
SENTENCES = [SentenceExample("The minister spoke on Tuesday.", 0),
             SentenceExample("Troops shelled the town.", 4),
             SentenceExample("The two leaders agreed to meet.", 1)]


def test_markers_wrap_source_and_target():
    sentence = "Russia attacked Ukraine on Monday."
    assert mark(sentence, (0, 6), (16, 23)) == "@ Russia @ attacked # Ukraine # on Monday."
    assert mark(sentence, None, (16, 23)) == "Russia attacked # Ukraine # on Monday."
    nested = "Iraqi fighters advanced."
    assert mark(nested, (0, 14), (0, 5)) == "@ # Iraqi # fighters @ advanced."
    assert find_span(sentence, "ukraine") == (16, 23) and find_span(sentence, "Syria") is None


def test_training_twice_with_the_same_seed_gives_the_same_model():
    first = train(RELATIONS, SENTENCES, ROOT_LABELS, TINY)
    second = train(RELATIONS, SENTENCES, ROOT_LABELS, TINY)
    a, b = first.net.state_dict(), second.net.state_dict()
    assert a.keys() == b.keys()
    assert all(torch.equal(a[k], b[k]) for k in a)
    other = train(RELATIONS, SENTENCES, ROOT_LABELS, TrainConfig(**{**TINY.to_dict(), "seed": 6}))
    assert not all(torch.equal(a[k], other.net.state_dict()[k]) for k in a)


def test_save_and_load_round_trip(tmp_path: Path):
    model = train(RELATIONS, SENTENCES, ROOT_LABELS, TINY)
    path = tmp_path / "model.pt"
    model.save(path)
    loaded = RelationClassifier.load(path)
    items = [(r.sentence, r.source, r.target) for r in RELATIONS]
    assert [label for label, _ in loaded.predict(items)] == [label for label, _ in
                                                            model.predict(items)]
    assert loaded.seen("russia attacked UKRAINE on monday") and not loaded.seen("Hello.")
    assert loaded.classify("Peru accused Chile of spying.", "Peru", "Chile") in ROOT_LABELS


def test_folds_are_disjoint_and_cover_all_rows():
    texts = [f"Sentence number {i} about talks." for i in range(23)]
    parts = sentence_folds(texts, 5, seed=3)
    tests = [test for test, _ in parts]
    assert sorted(i for test in tests for i in test) == list(range(23))
    assert tests == [t for t, _ in sentence_folds(texts, 5, seed=3)]
    assert tests != [t for t, _ in sentence_folds(texts, 5, seed=4)]
    with pytest.raises(ValueError):
        sentence_folds(texts[:3], 5, seed=1)


def test_cross_validation_retrains_per_fold_without_test_sentences(monkeypatch, tmp_path):
    monkeypatch.setenv("REDLINE_CACHE_DIR", str(tmp_path))
    rows = [PlvRow(f"u{i}", i, i + 2, r.label, 3, r.sentence, r.sentence, "", "", r.source,
                   r.target) for i, r in enumerate(RELATIONS)]
    # the auxiliary set repeats a test sentence: it must not be trained on in that fold
    aux = TrainingData(penta=[PentaRow(0, 2, RELATIONS[0].sentence, 4),
                              PentaRow(1, 3, "Troops shelled the town.", 4)])
    calls: list[tuple[set[str], set[str]]] = []
    real_train = train

    def spy(relations, sentences, labels, config, progress=None, pairs=()):
        calls.append(({sentence_key(r.sentence) for r in relations},
                      {sentence_key(s.text) for s in sentences}))
        return real_train(relations, sentences, labels, config, pairs=pairs)

    monkeypatch.setattr("redline.evaluation.runner.train", spy)
    predicted = plv_relation_predictions(rows, None, 2, aux, TINY, progress=lambda m: None)
    parts = sentence_folds([r.sentence for r in rows], 2, TINY.seed)
    assert len(calls) == len(parts) and len(predicted) == len(rows) and all(predicted)
    for (trained, aux_trained), (test, held) in zip(calls, parts, strict=True):
        assert test and all(sentence_key(rows[i].sentence) in held for i in test)
        assert not any(key in held for key in trained | aux_trained)
    # the same training data again: the fold models come from the cache, not retrained
    again = plv_relation_predictions(rows, None, 2, aux, TINY, progress=lambda m: None)
    assert len(calls) == len(parts) and again == predicted


def test_a_sentence_is_in_the_same_fold_in_every_gold_set():
    texts = [r.sentence for r in RELATIONS]
    first = {i: k for k, (test, _) in enumerate(sentence_folds(texts, 3, 7)) for i in test}
    shuffled = list(reversed(texts)) + ["An unrelated sentence about trade."]
    second = sentence_folds(shuffled, 3, 7)
    for test, held in second:
        for i in test:
            if shuffled[i] in texts:
                assert sentence_key(shuffled[i]) in held
                assert any(sentence_key(shuffled[i]) in h for t, h in second if i in t)
    assert sorted(first) == list(range(len(texts)))


def test_shipped_model_through_the_python_api(classifier):
    from redline.relations import classify

    assert classify("Russian forces shelled Kharkiv overnight, killing two civilians.",
                    "Russian forces", "Kharkiv", classifier) == "ASSAULT"
    assert classify("The Kenyan president hosted his Ugandan counterpart for talks in Nairobi.",
                    "The Kenyan president", "his Ugandan counterpart", classifier) == "CONSULT"
