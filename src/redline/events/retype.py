"""A second opinion on a frame's type from the relation classifier.

The verb lexicon types many frames only by a block's default code ("met" -> CONSULT, "took"
-> COERCE): those are the frames it gets wrong most often. For a frame with both a source
and a recipient, the relation classifier reads the sentence with the two actors marked and
proposes a PLOVER root; when it is confident and disagrees, the frame takes its type. The
trace says which opinion won.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redline.evaluation.labels import to_root
from redline.events.frames import Frame
from redline.events.lexicon import LexiconMatch
from redline.ontology import Ontology

Query = tuple[str, tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class RetypePolicy:
    threshold: float = 0.8  # the classifier's probability needed to override the lexicon
    only_defaults: bool = True  # leave frames typed by a specific pattern alone


def query_for(frame: Frame, sentence_start: int, policy: RetypePolicy) -> Query | None:
    """The classifier input for ``frame``: (sentence, source span, recipient span) with
    sentence-relative offsets, or ``None`` when the frame is not asked about."""
    if not frame.sources or not frame.recipients:
        return None
    if policy.only_defaults and frame.match.specific:
        return None
    source, recipient = frame.sources[0], frame.recipients[0]
    sentence = frame.trigger.doc.text
    return (sentence, (source.char_start - sentence_start, source.char_end - sentence_start),
            (recipient.char_start - sentence_start, recipient.char_end - sentence_start))


def apply_opinion(frame: Frame, label: str, probability: float, ontology: Ontology,
                  policy: RetypePolicy) -> bool:
    """Retype ``frame`` if the classifier is confident and disagrees; True if it did."""
    lexicon_type = frame.cameo.plover
    if to_root(lexicon_type) == label:
        frame.trace.append(f"relation classifier agrees ({label}, p={probability:.2f})")
        return False
    if probability < policy.threshold:
        frame.trace.append(f"relation classifier says {label} (p={probability:.2f}), below "
                           f"{policy.threshold}: the lexicon's {lexicon_type} stays")
        return False
    new_type = label
    if label == "YIELD":
        new_type = "RETREAT" if lexicon_type == "RETREAT" else "CONCEDE"
    code = ontology.cameo_for(new_type)
    entry = ontology.cameo(code)
    if entry is None or entry.plover != new_type:
        return False
    frame.trace.append(f"type {new_type} (CAMEO {code}) from the relation classifier "
                       f"(p={probability:.2f}) over the lexicon's {lexicon_type}")
    frame.cameo = entry
    frame.match = LexiconMatch(code, f"relation classifier (p={probability:.2f})", True)
    return True


def retype(frames: Sequence[tuple[Frame, int]], classifier: object, ontology: Ontology,
           policy: RetypePolicy) -> int:
    """Ask the classifier about every eligible frame (``(frame, sentence_start)`` pairs) in
    one batch; returns how many frames changed type."""
    asked = [(frame, q) for frame, start in frames if (q := query_for(frame, start, policy))]
    if not asked:
        return 0
    opinions = classifier.predict([q for _, q in asked])  # type: ignore[attr-defined]
    return sum(apply_opinion(frame, label, p, ontology, policy)
               for (frame, _), (label, p) in zip(asked, opinions, strict=True))
