"""How actor phrases and text tokens are normalised before they are compared.

The actor data files store each pattern as the normalised tokens of the phrase, joined by
single spaces. Text tokens go through :func:`normalize_token` and patterns through
:func:`normalize_phrase`, which tokenises with the same spaCy tokenizer rules, so that
"Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" all meet the pattern ``kim jong un``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# Tokens that carry no meaning for matching names: hyphens and dashes between name parts.
SKIPPED_TOKENS = frozenset({"-", "–", "—", "‐"})

_QUOTE_MAP = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def normalize_token(text: str) -> str:
    """Lower-case a token and unify apostrophes; returns "" for tokens that are skipped."""
    lowered = text.lower().translate(_QUOTE_MAP)
    return "" if lowered in SKIPPED_TOKENS else lowered


def normalize_tokens(tokens: Iterable[str]) -> tuple[str, ...]:
    """Normalise a token sequence, dropping skipped tokens."""
    return tuple(n for n in (normalize_token(t) for t in tokens) if n)


def normalize_phrase(phrase: str, tokenize: Callable[[str], Iterable[str]]) -> tuple[str, ...]:
    """Normalise a phrase with ``tokenize`` (the spaCy tokenizer's token texts)."""
    return normalize_tokens(tokenize(phrase.replace("_", " ").strip()))


def spacy_tokenize(nlp_tokenizer: Callable[[str], Iterable[object]]) -> Callable[[str], list[str]]:
    """Adapt a spaCy tokenizer (``nlp.tokenizer``) to a ``str -> list[str]`` function."""

    def tokenize(text: str) -> list[str]:
        return [str(getattr(t, "text", t)) for t in nlp_tokenizer(text)]

    return tokenize
