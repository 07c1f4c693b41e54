"""The records that flow through the pipeline.

Plain dataclasses; ``to_dict`` gives the JSON interface of DESIGN.md. The fields each
record shows the world, their order and their kind are declared once, here
(:data:`EVENT_FIELDS`, :data:`COMMITMENT_FIELDS`, :data:`DOCUMENT_FIELDS` and the parts
they are made of): the JSON records, the store's DuckDB tables and Arrow schemas
(``store/``) and the CSV columns (``export/``) are all derived from these declarations, so
a new field is added in one place.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Span = tuple[int, int]

FieldKind = Literal["text", "integer", "real", "boolean", "day", "timestamp", "texts",
                    "hashes", "actor", "actors", "location", "spans", "sketch"]


@dataclass(frozen=True)
class Field:
    """One field of a record: its name and its kind. Kinds name what the value is (``day``:
    an ISO date; ``actors``: a list of actor objects; ``sketch``: a trigger or response);
    the store and the exports map each kind to their own types and columns."""

    name: str
    kind: FieldKind
    key: bool = False  # the table's primary key in the store


ACTOR_FIELDS = (Field("text", "text"), Field("code", "text"), Field("sector", "text"),
                Field("name", "text"))
LOCATION_FIELDS = (
    Field("country", "text"), Field("place", "text"), Field("name", "text"),
    Field("feature", "text"), Field("adm1", "text"), Field("adm1_code", "text"),
    Field("fips", "text"), Field("lat", "real"), Field("lon", "real"),
    Field("geonameid", "integer"), Field("found_by", "text"), Field("unresolved", "text"),
)
FEATURES = ("country", "adm1", "city", "landmark")  # a resolved place's feature type
SKETCH_FIELDS = (Field("actor", "actors"), Field("event", "text"), Field("mode", "text"),
                 Field("recipient", "actors"))
SPAN_ROLES = ("actor", "event", "recipient")  # the keys of an event's ``spans``


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
        return {f.name: getattr(self, f.name) for f in ACTOR_FIELDS}


@dataclass(frozen=True)
class Location:
    """Where an event happened. ``place`` is the text's words for it; the rest is the feature
    it was resolved to in the gazetteer (``whenwhere/gazetteer.py``): its ``name``, ``feature``
    type (one of :data:`FEATURES`), ISO3 ``country`` and FIPS 10-4 ``fips`` codes, first-order
    division (``adm1`` name and ``adm1_code``, GDELT's FIPS-prefixed form such as ``UP07``),
    point and GeoNames id. ``found_by`` names the pattern that found the words (an "in"
    phrase, a "where" clause, a dateline). A place that could not be resolved keeps its words
    and says why in ``unresolved``; it never gets a made-up point."""

    country: str
    place: str
    name: str = ""
    feature: str = ""
    adm1: str = ""
    adm1_code: str = ""
    fips: str = ""
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    found_by: str = ""
    unresolved: str = ""

    @property
    def resolved(self) -> bool:
        return bool(self.feature)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in LOCATION_FIELDS}


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

    @property
    def spans(self) -> dict[str, list[list[int]]]:
        """Document character offsets of the actors, the trigger and the recipients."""
        return {
            "actor": [list(a.span) for a in self.actor],
            "event": [list(self.event_span)],
            "recipient": [list(r.span) for r in self.recipient],
        }

    def to_dict(self) -> dict[str, Any]:
        return record_dict("event", self, EVENT_FIELDS)


@dataclass
class EventSketch:
    """The part of an event a commitment refers to (its trigger or its response)."""

    actor: list[ActorRef]
    event: str
    mode: str
    recipient: list[ActorRef]

    def to_dict(self) -> dict[str, Any]:
        return {f.name: jsonable(getattr(self, f.name)) for f in SKETCH_FIELDS}


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
        return record_dict("commitment", self, COMMITMENT_FIELDS)


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


# -- the fields of each record, in the order of its JSON object --------------------------------

EVENT_FIELDS = (
    Field("id", "text"), Field("doc_id", "text"), Field("sentence_index", "integer"),
    Field("sentence", "text"), Field("date", "day"), Field("date_precision", "text"),
    Field("actor", "actors"), Field("event", "text"), Field("mode", "text"),
    Field("context", "texts"), Field("recipient", "actors"), Field("cameo", "text"),
    Field("quad", "integer"), Field("intensity", "real"), Field("asserted", "boolean"),
    Field("modality", "texts"), Field("reported_by", "actor"), Field("location", "location"),
    Field("spans", "spans"), Field("confidence", "real"), Field("coder", "text"),
)
COMMITMENT_FIELDS = (
    Field("id", "text"), Field("doc_id", "text"), Field("sentence_index", "integer"),
    Field("kind", "text"), Field("holder", "actors"), Field("trigger", "sketch"),
    Field("response", "sketch"), Field("sentence", "text"), Field("date", "day"),
)
# a stored document: the input's fields and what storing it recorded (no JSON record of its
# own; its table and CSV columns are derived from this)
DOCUMENT_FIELDS = (
    Field("doc_key", "text", key=True), Field("id", "text"), Field("title", "text"),
    Field("date", "day"), Field("url", "text"), Field("source", "text"),
    Field("origin", "text"), Field("text_hash", "text"), Field("minhash", "hashes"),
    Field("n_sentences", "integer"), Field("n_events", "integer"),
    Field("n_commitments", "integer"), Field("duplicate_of", "text"),
    Field("ingested_at", "timestamp"), Field("coder", "text"), Field("run_id", "text"),
)


def jsonable(value: Any) -> Any:
    """A field's value as JSON data: records and parts by their ``to_dict``, lists element by
    element."""
    if isinstance(value, ActorRef | Location | EventSketch):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def record_dict(record: str, obj: Any, fields: tuple[Field, ...]) -> dict[str, Any]:
    """The JSON object of a record: ``record`` naming its kind, then its fields in order."""
    return {"record": record, **{f.name: jsonable(getattr(obj, f.name)) for f in fields}}
