"""The relation classifier: load, predict, save.

The shipped model (``redline/relations/data/relation_model.pt``) holds only the weights that
training changed (in half precision), the labels, the training settings and hashes of the
normalised training sentences, so ``redline eval`` can warn when it is scored on its own
training data.

A loaded model's encoder is ``redline.nlp.minilm``'s (no ``transformers`` import: seconds of
every start-up); training builds it through ``transformers``' ``BertModel``
(``relations.model.load_encoder``). Both compute the same numbers bit for bit
(``tests/test_startup.py``), and the saved weights carry the same names.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import torch

from redline.nlp.minilm import load_minilm
from redline.relations.markers import Span, find_span, mark
from redline.relations.model import RelationNet, batch_of, encode
from redline.relations.pairs import PairItem, encode_items, pair_batch

MODEL_FILE = "relation_model.pt"
PREDICT_BATCH = 32  # texts at most in one forward pass
PREDICT_TOKENS = 512  # padded word pieces at most in one pass (bounds its memory)


def sentence_key(sentence: str) -> str:
    """A hash of the sentence with case, punctuation and spacing normalised."""
    normal = " ".join(re.sub(r"[^\w]+", " ", sentence.lower()).split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


class RelationClassifier:
    def __init__(self, tokenizer: Any, net: RelationNet, labels: list[str], max_length: int,
                 config: dict[str, Any], trained_on: Iterable[str] = ()) -> None:
        self.tokenizer = tokenizer
        self.net = net
        self.labels = labels
        self.max_length = max_length
        self.config = config
        self.trained_keys = frozenset(sentence_key(s) for s in trained_on)

    # -- prediction ----------------------------------------------------------------------
    def predict(self, items: Sequence[tuple[str, Span, Span]]) -> list[tuple[str, float]]:
        """(label, probability) for each (sentence, source span, target span)."""
        texts = [mark(sentence, source, target) for sentence, source, target in items]
        return [(self.labels[i], p) for i, p in self._best(texts, self.net.relation_logits)]

    def predict_penta(self, texts: Sequence[str]) -> list[tuple[int, float]]:
        """(0..4 label, probability) for each sentence."""
        return self._best(list(texts), self.net.penta_logits)

    def predict_pairs(self, items: Sequence[PairItem]) -> list[PairScores]:
        """For each sentence: its 5-class probabilities and, for each scorable ordered pair
        of candidates, the probabilities of "no event" and of each label (in
        ``["", *self.labels]`` order)."""
        rows = encode_items(self.tokenizer, items, self.max_length)
        order = sorted(range(len(rows)), key=lambda i: len(rows[i].ids))
        out: list[PairScores] = [PairScores([], {}) for _ in rows]
        with torch.no_grad(), _without_onednn():
            for chunk in budget_batches(order, [len(r.ids) for r in rows], PREDICT_TOKENS,
                                        PREDICT_BATCH):
                batch, keys = pair_batch(self.tokenizer.pad_token_id, [rows[i] for i in chunk])
                pair_logits, penta_logits = self.net.pair_and_penta_logits(batch)
                for b, probs in enumerate(torch.softmax(penta_logits, -1).tolist()):
                    out[chunk[b]].penta = probs
                for (b, i, j), probs in zip(keys, torch.softmax(pair_logits, -1).tolist(),
                                            strict=True):
                    out[chunk[b]].pairs[(i, j)] = probs
        return out

    def _best(self, texts: list[str], logits: Callable[[Any], torch.Tensor]
              ) -> list[tuple[int, float]]:
        """(class index, probability) per text, in the input order. Texts of similar length
        are batched together (less padding is faster), and a batch holds at most
        ``PREDICT_TOKENS`` padded word pieces: the memory of a pass (attention scores,
        feed-forward activations) grows with batch size x length, about 27 MB per 1,024
        padded pieces here, so a fixed count of texts let a corpus with more long sentences
        reach a higher peak (one pass of 32 texts of 128 pieces: 110 MB). At 512 pieces a
        pass stays near 16 MB whatever the text, and prediction is no slower than with
        2,048 (bench/ingest.py; ``redline eval`` 4.2 against 5.4 s on ``plv``).
        oneDNN is off for prediction: it caches compiled kernels for every new batch shape
        (size x length), so a long ingest's memory grew with the shapes it met; plain MKL
        kernels are as fast here (bench/ingest.py) and keep nothing."""
        rows = encode(self.tokenizer, texts, self.max_length)
        order = sorted(range(len(texts)), key=lambda i: len(rows[i]))
        best: list[tuple[int, float]] = [(0, 0.0)] * len(texts)
        with torch.no_grad(), _without_onednn():
            for chunk in budget_batches(order, [len(row) for row in rows], PREDICT_TOKENS,
                                        PREDICT_BATCH):
                top = torch.softmax(logits(batch_of(self.tokenizer, [rows[i] for i in chunk])),
                                    -1).max(-1)
                for i, p, k in zip(chunk, top.values.tolist(), top.indices.tolist(),
                                   strict=True):
                    best[i] = (int(k), float(p))
        return best

    def classify(self, sentence: str, source: str, target: str) -> str:
        """The root label of what ``source`` does to ``target`` in ``sentence``."""
        return self.predict([(sentence, find_span(sentence, source),
                              find_span(sentence, target))])[0][0]

    def seen(self, sentence: str) -> bool:
        """Was this sentence (normalised) in the training data?"""
        return sentence_key(sentence) in self.trained_keys

    # -- persistence ---------------------------------------------------------------------
    def save(self, path: Path) -> None:
        trained = {name for name, p in self.net.named_parameters() if p.requires_grad}
        state = {k: v.detach().to(torch.float16).clone() for k, v in self.net.state_dict().items()
                 if k in trained}
        torch.save({"labels": self.labels, "max_length": self.max_length, "config": self.config,
                    "trained_keys": sorted(self.trained_keys), "state": state}, path)

    @classmethod
    def load(cls, path: Path | None = None) -> RelationClassifier:
        source = path if path is not None else (
            resources.files("redline.relations") / "data" / MODEL_FILE)
        with source.open("rb") as handle:
            saved = torch.load(handle, map_location="cpu", weights_only=True)
        tokenizer, encoder = load_minilm()
        net = RelationNet(encoder, len(saved["labels"]))
        state = {k: v.to(torch.float32) for k, v in saved["state"].items()}
        missing = set(state) - set(net.state_dict())
        if missing:
            raise ValueError(f"{source}: weights for unknown parameters {sorted(missing)[:3]}")
        net.load_state_dict(state, strict=False)
        net.eval()
        classifier = cls(tokenizer, net, list(saved["labels"]), int(saved["max_length"]),
                         dict(saved["config"]))
        classifier.trained_keys = frozenset(saved["trained_keys"])
        return classifier


@dataclass
class PairScores:
    penta: list[float]  # probabilities of the 5 sentence classes
    pairs: dict[tuple[int, int], list[float]]  # (source, target) -> [no event, *labels]


def budget_batches(order: Sequence[int], lengths: Sequence[int], max_tokens: int,
                   max_rows: int) -> list[list[int]]:
    """Split ``order`` (indices, shortest first) into consecutive batches of at most
    ``max_rows`` indices whose padded size (rows x longest length) is at most ``max_tokens``;
    a text longer than ``max_tokens`` makes a batch of its own."""
    batches: list[list[int]] = []
    current: list[int] = []
    width = 0  # the longest length in ``current`` with ``i`` added
    for i in order:
        width = max(width, lengths[i])
        if current and (len(current) >= max_rows or (len(current) + 1) * width > max_tokens):
            batches.append(current)
            current, width = [], lengths[i]
        current.append(i)
    if current:
        batches.append(current)
    return batches


@contextmanager
def _without_onednn() -> Iterator[None]:
    # ``enabled`` is a property of torch's module object; its stubs type it as the descriptor
    mkldnn: Any = torch.backends.mkldnn
    before = bool(mkldnn.enabled)
    mkldnn.enabled = False
    try:
        yield
    finally:
        mkldnn.enabled = before


def classify(sentence: str, source: str, target: str, model: RelationClassifier) -> str:
    """Relation mode as a function: the PLOVER root label (CONCEDE and RETREAT are YIELD) of
    what ``source`` does to ``target`` in ``sentence``. ``model`` is loaded once by the
    caller (``RelationClassifier.load()`` for the shipped one, or the ``relations`` of the
    coder's ``Resources``); nothing is cached here."""
    return model.classify(sentence, source, target)
