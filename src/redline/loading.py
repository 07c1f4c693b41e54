"""Loading everything the coder needs, the relation classifier in a thread of its own.

Start-up is nearly all loading: spaCy (which imports torch through thinc), the lexicons, and
the relation classifier (torch, the MiniLM encoder of :mod:`redline.nlp.minilm` and the
trained heads). The classifier does not depend on the rest, so :func:`load_parts` loads it
in a background thread while this thread loads spaCy, the ontology and the lexicons; the
work of either that leaves the GIL (reading files, copying tensors, NumPy) overlaps the
other's.

The cyclic garbage collector is paused while loading: the loaders create millions of objects
that live as long as the process, and each collection on the way walked all of those already
made (spaCy's, torch's), which cost about a tenth of the start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from redline.cache import gc_paused
from redline.nlp.pipeline import DEFAULT_MODEL

if TYPE_CHECKING:
    from spacy.language import Language

    from redline.actors.lexicon import ActorLexicon
    from redline.events.lexicon import VerbLexicon
    from redline.modality.modality import ModalityCues
    from redline.ontology import Ontology

T = TypeVar("T")


@dataclass
class LoadedParts:
    """What ``Resources`` holds: the verbs already restricted to the CAMEO codes with a
    PLOVER type; ``relations`` a ``RelationClassifier`` or None."""

    nlp: Language
    actors: ActorLexicon
    verbs: VerbLexicon
    ontology: Ontology
    cues: ModalityCues
    relations: Any = None


class Background(Generic[T]):
    """``load()`` run in a daemon thread; :meth:`result` waits for it and returns its value
    or raises its exception (in the caller's thread)."""

    def __init__(self, load: Callable[[], T], name: str = "redline-loader") -> None:
        self._load = load
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._load()
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


def load_classifier() -> Any:
    """The shipped relation classifier, loaded anew: whoever builds ``Resources`` holds it
    and passes it on (no process-wide copy)."""
    from redline.relations.classifier import RelationClassifier

    return RelationClassifier.load()


def load_parts(
    actor_files: Sequence[Path] = (),
    verb_files: Sequence[Path] = (),
    model: str = DEFAULT_MODEL,
    classifier: bool = True,
    *,
    load_relations: Callable[[], Any] | None = None,
) -> LoadedParts:
    """Load spaCy, the ontology, the lexicons, the modality cues and (with ``classifier``,
    the default, as on the command line) the relation classifier, the classifier in a
    background thread (``load_relations``, by default :func:`load_classifier`). Errors of
    either thread are raised here (a missing spaCy model first)."""
    with gc_paused():
        background = Background(load_relations or load_classifier) if classifier else None
        try:
            parts = _load_lexical(actor_files, verb_files, model)
        except Exception:
            if background is not None:
                background.wait()  # no thread left importing while the process exits
            raise
        if background is not None:
            parts.relations = background.result()
    return parts


def _load_lexical(actor_files: Sequence[Path], verb_files: Sequence[Path],
                  model: str) -> LoadedParts:
    from redline.actors.lexicon import load_actor_lexicon
    from redline.actors.normalize import spacy_tokenize
    from redline.events.lexicon import load_verb_lexicon
    from redline.modality.modality import load_cues
    from redline.nlp.pipeline import load_nlp
    from redline.ontology import load_ontology

    nlp = load_nlp(model)
    ontology = load_ontology()
    verbs = load_verb_lexicon(verb_files)
    verbs.restrict_triggers(lambda code: bool((entry := ontology.cameo(code))
                                              and entry.plover))
    actors = load_actor_lexicon(spacy_tokenize(nlp.tokenizer), actor_files)
    return LoadedParts(nlp=nlp, actors=actors, verbs=verbs, ontology=ontology,
                       cues=load_cues())
