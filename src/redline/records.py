"""The records that flow through the pipeline.

Plain dataclasses; ``to_dict`` gives the JSON interface of DESIGN.md (field names and
order are part of our public interface, so they live here and nowhere else).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True)
class Document:
    """One input document. ``origin`` names where it came from (``file:line``) for errors."""

    id: str
    text: str
    date: date | None = None
    title: str = ""
    url: str = ""
    source: str = ""
    origin: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document; ``start``/``end`` are character offsets in the document text."""

    index: int
    start: int
    end: int
    text: str
    heading: bool = False  # a section title ("Putin's Warning"): never coded


@dataclass(frozen=True)
class ActorRef:
    """A resolved actor: ``code`` is ISO-3166 alpha-3, ``WST`` or an IGO code; ``span`` is the
    document-level character span of the words that name it (for a pronoun: the pronoun)."""

    text: str
    code: str
    sector: str
    name: str
    span: Span

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "code": self.code, "sector": self.sector, "name": self.name}


@dataclass(frozen=True)
class Location:
    country: str
    place: str

    def to_dict(self) -> dict[str, str]:
        return {"country": self.country, "place": self.place}


@dataclass
class Event:
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    date_precision: str
    actor: list[ActorRef]
    event: str
    mode: str
    context: list[str]
    recipient: list[ActorRef]
    cameo: str
    quad: int
    intensity: float
    asserted: bool
    modality: list[str]
    reported_by: ActorRef | None
    location: Location | None
    event_span: Span
    confidence: float
    coder: str
    id: str = ""
    typed_by: str = ""  # the lexicon rule or model that set the type (explain, not JSON)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id(
                "event",
                self.doc_id,
                self.sentence_index,
                self.event_span,
                self.event,
                [_identity(a) for a in self.actor],
                [_identity(r) for r in self.recipient],
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "record": "event",
            "id": self.id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date,
            "date_precision": self.date_precision,
            "actor": [a.to_dict() for a in self.actor],
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "recipient": [r.to_dict() for r in self.recipient],
            "cameo": self.cameo,
            "quad": self.quad,
            "intensity": self.intensity,
            "asserted": self.asserted,
            "modality": list(self.modality),
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "location": self.location.to_dict() if self.location else None,
            "spans": {
                "actor": [list(a.span) for a in self.actor],
                "event": [list(self.event_span)],
                "recipient": [list(r.span) for r in self.recipient],
            },
            "confidence": self.confidence,
            "coder": self.coder,
        }


@dataclass
class EventSketch:
    """The part of an event a commitment refers to (its trigger or its response)."""

    actor: list[ActorRef]
    event: str
    mode: str
    recipient: list[ActorRef]

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": [a.to_dict() for a in self.actor],
            "event": self.event,
            "mode": self.mode,
            "recipient": [r.to_dict() for r in self.recipient],
        }


@dataclass
class Commitment:
    """A stated red line, promise, alliance clause or condition."""

    doc_id: str
    sentence_index: int
    kind: str  # threat | promise | alliance | condition
    holder: list[ActorRef]
    trigger: EventSketch
    response: EventSketch
    sentence: str
    date: str | None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id(
                "commitment",
                self.doc_id,
                self.kind,
                sorted({h.code for h in self.holder}),
                self.trigger.to_dict(),
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "record": "commitment",
            "id": self.id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "kind": self.kind,
            "holder": [h.to_dict() for h in self.holder],
            "trigger": self.trigger.to_dict(),
            "response": self.response.to_dict(),
            "sentence": self.sentence,
            "date": self.date,
        }


@dataclass(frozen=True)
class Dropped:
    """A candidate a stage considered and rejected, with the reason (for ``explain``)."""

    stage: str
    sentence_index: int
    text: str
    span: Span
    reason: str


@dataclass
class CodedDocument:
    document: Document
    sentences: list[Sentence]
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    parsed_sentences: int = 0


def _identity(ref: ActorRef) -> str:
    """What tells two actors of one event apart: the code and sector, or for an actor
    with no code (a company, "protesters") its text."""
    return f"{ref.code}{ref.sector}" if ref.code else f"text:{ref.text}"


def stable_id(*parts: Any) -> str:
    """A short id that depends only on its parts, so re-coding the same text gives the same id."""
    payload = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]
