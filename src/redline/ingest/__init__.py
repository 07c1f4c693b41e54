"""Reading input documents (``.txt``, ``.jsonl``, ``.csv``, HTML pages, RSS/Atom feeds, any of
them ``.gz``-compressed, directories, stdin) with bad input reported as :class:`InputError`
values instead of exceptions."""

from redline.ingest.checks import language_problem, language_score, looks_english
from redline.ingest.readers import (
    DEFAULT_MAX_DOCUMENT_BYTES,
    SUPPORTED_EXTENSIONS,
    InputError,
    parse_date,
    read_inputs,
)

__all__ = [
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "SUPPORTED_EXTENSIONS",
    "InputError",
    "language_problem",
    "language_score",
    "looks_english",
    "parse_date",
    "read_inputs",
]
