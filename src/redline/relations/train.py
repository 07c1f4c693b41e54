"""Training the relation network: deterministic, CPU, a few minutes.

Both heads are trained together: relation batches (marked PLV sentences -> root label)
alternate with sentence batches (pentaclass sentences -> 0..4). The token embeddings stay
frozen (they hold most of the parameters and fine-tuning them buys little), so an epoch over
the PLV data takes about 20 s on 2 cores.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import torch
from torch import nn

from redline.relations.classifier import RelationClassifier
from redline.relations.markers import Span, mark
from redline.relations.model import RelationNet, load_encoder, make_batch
from redline.relations.pairs import EncodedItem, PairItem, encode_items, pair_batch


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 6
    lr: float = 8e-5
    head_lr: float = 1e-3
    batch_size: int = 16
    max_length: int = 128
    frozen_layers: int = 1
    weight_decay: float = 0.01
    warmup: float = 0.1
    penta_weight: float = 0.5
    pair_weight: float = 1.0
    none_weight: float = 0.5  # a "no event" pair's share of the loss against an event pair
    seed: int = 13

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


@dataclass(frozen=True)
class RelationExample:
    sentence: str
    source: Span
    target: Span
    label: str


@dataclass(frozen=True)
class SentenceExample:
    text: str
    label: int


@dataclass(frozen=True)
class PairExample:
    """A sentence with its actor candidates and, for some ordered pairs of them, the classes
    of the pair head that are right (0 "no event", 1 + the index of a relation label; a gold
    set that gives only a quad class allows every label of that quad)."""

    text: str
    spans: tuple[tuple[int, int], ...]
    pairs: tuple[tuple[int, int, tuple[int, ...]], ...]


def train(
    relations: Sequence[RelationExample],
    sentences: Sequence[SentenceExample],
    labels: Sequence[str],
    config: TrainConfig = TrainConfig(),
    progress: Callable[[str], None] | None = None,
    pairs: Sequence[PairExample] = (),
) -> RelationClassifier:
    """Train a classifier; the same inputs and config give the same weights."""
    _seed_everything(config.seed)
    tokenizer, encoder = load_encoder()
    net = RelationNet(encoder, len(labels))
    _freeze(net, config.frozen_layers)
    index = {label: i for i, label in enumerate(labels)}
    rel_texts = [mark(r.sentence, r.source, r.target) for r in relations]
    rel_gold = [index[r.label] for r in relations]
    sent_texts = [s.text for s in sentences]
    sent_gold = [s.label for s in sentences]

    encoder_params = [p for p in net.encoder.parameters() if p.requires_grad]
    head_params = (list(net.relation.parameters()) + list(net.penta.parameters())
                   + list(net.pair.parameters()))
    optimizer = torch.optim.AdamW(
        [{"params": encoder_params, "lr": config.lr}, {"params": head_params,
                                                       "lr": config.head_lr}],
        weight_decay=config.weight_decay,
    )
    pair_rows = encode_items(tokenizer, [PairItem(p.text, p.spans, [(i, j) for i, j, _ in
                                                               p.pairs]) for p in pairs],
                             config.max_length)
    pair_allowed = [{(i, j): allowed for i, j, allowed in p.pairs} for p in pairs]
    per_epoch = (_batches(len(rel_texts), config.batch_size)
                 + _batches(len(sent_texts), config.batch_size)
                 + _batches(len(pair_rows), config.batch_size))
    total = max(1, config.epochs * per_epoch)
    warmup = max(1, int(config.warmup * total))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, (total - step) / total)
    )
    rng = random.Random(config.seed)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(config.epochs):
        net.train()
        plan = _plan(len(rel_texts), len(sent_texts), config.batch_size, rng, len(pair_rows))
        running = 0.0
        for kind, rows in plan:
            if kind == "relation":
                batch = make_batch(tokenizer, [rel_texts[i] for i in rows], config.max_length)
                logits = net.relation_logits(batch)
                loss = loss_fn(logits, torch.tensor([rel_gold[i] for i in rows]))
            elif kind == "pair":
                loss = config.pair_weight * _pair_loss(
                    net, tokenizer, [pair_rows[i] for i in rows],
                    [pair_allowed[i] for i in rows], config.none_weight)
            else:
                batch = make_batch(tokenizer, [sent_texts[i] for i in rows], config.max_length)
                logits = net.penta_logits(batch)
                loss = config.penta_weight * loss_fn(logits,
                                                     torch.tensor([sent_gold[i] for i in rows]))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            running += loss.item()
        if progress is not None:
            mean = running / max(1, len(plan))
            progress(f"epoch {epoch + 1}/{config.epochs}: mean loss {mean:.4f}")
    net.eval()
    trained_on = [r.sentence for r in relations] + [s.text for s in sentences]
    return RelationClassifier(tokenizer, net, list(labels), config.max_length,
                              config.to_dict(), trained_on)


def _pair_loss(net: RelationNet, tokenizer: object, rows: list[EncodedItem],
               allowed: list[dict[tuple[int, int], tuple[int, ...]]],
               none_weight: float) -> torch.Tensor:
    """Mean over the batch's pairs of -log P(a right class), "no event" pairs weighted by
    ``none_weight``."""
    batch, keys = pair_batch(tokenizer.pad_token_id, rows)  # type: ignore[attr-defined]
    if not keys:
        return torch.zeros((), requires_grad=True)
    logits, _penta = net.pair_and_penta_logits(batch)
    log_probs = torch.log_softmax(logits, -1)
    mask = torch.zeros_like(log_probs, dtype=torch.bool)
    weights = torch.ones(len(keys))
    for k, (b, i, j) in enumerate(keys):
        right = allowed[b][(i, j)]
        mask[k, list(right)] = True
        if right == (0,):
            weights[k] = none_weight
    picked = torch.logsumexp(log_probs.masked_fill(~mask, float("-inf")), -1)
    return -(picked * weights).sum() / weights.sum()


def _seed_everything(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def _freeze(net: RelationNet, frozen_layers: int) -> None:
    encoder = net.encoder
    for param in encoder.embeddings.parameters():  # type: ignore[union-attr]
        param.requires_grad = False
    for layer in encoder.encoder.layer[:frozen_layers]:  # type: ignore[union-attr,index]
        for param in layer.parameters():
            param.requires_grad = False


def _batches(n: int, size: int) -> int:
    return (n + size - 1) // size


def _plan(n_rel: int, n_sent: int, size: int, rng: random.Random, n_pair: int = 0
          ) -> list[tuple[str, list[int]]]:
    """The epoch's batches: shuffled relation, sentence and pair batches, interleaved."""
    plan: list[tuple[str, list[int]]] = []
    for kind, n in (("relation", n_rel), ("sentence", n_sent), ("pair", n_pair)):
        order = list(range(n))
        rng.shuffle(order)
        plan += [(kind, order[i : i + size]) for i in range(0, n, size)]
    rng.shuffle(plan)
    return plan
