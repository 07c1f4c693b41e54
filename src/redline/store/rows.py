"""Coded documents as table rows (plain dicts matching ``store/schema.py``), and Arrow
tables of them for fast inserts and Parquet part files."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from redline.records import CodedDocument, Document
from redline.store.near_duplicates import band_keys

ACTOR_TYPE = pa.struct([("text", pa.string()), ("code", pa.string()), ("sector", pa.string()),
                        ("name", pa.string())])
SKETCH_TYPE = pa.struct([("actor", pa.list_(ACTOR_TYPE)), ("event", pa.string()),
                         ("mode", pa.string()), ("recipient", pa.list_(ACTOR_TYPE))])
SPANS_TYPE = pa.list_(pa.list_(pa.int32()))

DOCUMENT_SCHEMA = pa.schema([
    ("doc_key", pa.string()), ("id", pa.string()), ("title", pa.string()),
    ("date", pa.date32()), ("url", pa.string()), ("source", pa.string()),
    ("origin", pa.string()), ("text_hash", pa.string()), ("minhash", pa.list_(pa.uint64())),
    ("n_sentences", pa.int32()), ("n_events", pa.int32()), ("n_commitments", pa.int32()),
    ("duplicate_of", pa.string()), ("ingested_at", pa.timestamp("us")), ("coder", pa.string()),
    ("run_id", pa.string()),
])
EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("doc_key", pa.string()), ("doc_id", pa.string()),
    ("sentence_index", pa.int32()), ("sentence", pa.string()), ("date", pa.date32()),
    ("date_precision", pa.string()), ("actor", pa.list_(ACTOR_TYPE)), ("event", pa.string()),
    ("mode", pa.string()), ("context", pa.list_(pa.string())),
    ("recipient", pa.list_(ACTOR_TYPE)), ("cameo", pa.string()), ("quad", pa.int32()),
    ("intensity", pa.float64()), ("asserted", pa.bool_()), ("modality", pa.list_(pa.string())),
    ("reported_by", ACTOR_TYPE),
    ("location", pa.struct([("country", pa.string()), ("place", pa.string())])),
    ("spans", pa.struct([("actor", SPANS_TYPE), ("event", SPANS_TYPE),
                         ("recipient", SPANS_TYPE)])),
    ("confidence", pa.float64()), ("coder", pa.string()),
])
BAND_SCHEMA = pa.schema([("band", pa.uint64()), ("doc_key", pa.string())])
COMMITMENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("doc_key", pa.string()), ("doc_id", pa.string()),
    ("sentence_index", pa.int32()), ("kind", pa.string()), ("holder", pa.list_(ACTOR_TYPE)),
    ("trigger", SKETCH_TYPE), ("response", SKETCH_TYPE), ("sentence", pa.string()),
    ("date", pa.date32()),
])


def utc_now() -> datetime:
    """The current time in UTC (naive, as DuckDB TIMESTAMP columns store it)."""
    return datetime.now(UTC).replace(tzinfo=None)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def doc_key(document: Document) -> str:
    """``id:<id>`` when the input names the document, else ``hash:<hash of the text>``."""
    return f"id:{document.id}" if document.id else f"hash:{text_hash(document.text)}"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def document_row(document: Document, *, key: str, minhash: Sequence[int] | None,
                 coded: CodedDocument | None, duplicate_of: str | None, run_id: str,
                 coder: str, now: datetime) -> dict[str, Any]:
    return {
        "doc_key": key, "id": document.id, "title": document.title or None,
        "date": document.date, "url": document.url or None, "source": document.source or None,
        "origin": document.origin or None, "text_hash": text_hash(document.text),
        "minhash": list(minhash) if minhash is not None else None,
        "n_sentences": len(coded.sentences) if coded else 0,
        "n_events": len(coded.events) if coded else 0,
        "n_commitments": len(coded.commitments) if coded else 0,
        "duplicate_of": duplicate_of, "ingested_at": now, "coder": coder, "run_id": run_id,
    }


def event_rows(coded: CodedDocument, key: str) -> list[dict[str, Any]]:
    rows = []
    for event in coded.events:
        d = event.to_dict()
        rows.append({
            "id": d["id"], "doc_key": key, "doc_id": d["doc_id"],
            "sentence_index": d["sentence_index"], "sentence": d["sentence"],
            "date": _day(d["date"]), "date_precision": d["date_precision"],
            "actor": d["actor"], "event": d["event"], "mode": d["mode"],
            "context": d["context"], "recipient": d["recipient"], "cameo": d["cameo"],
            "quad": d["quad"], "intensity": d["intensity"], "asserted": d["asserted"],
            "modality": d["modality"], "reported_by": d["reported_by"],
            "location": d["location"], "spans": d["spans"], "confidence": d["confidence"],
            "coder": d["coder"],
        })
    return rows


def commitment_rows(coded: CodedDocument, key: str) -> list[dict[str, Any]]:
    rows = []
    for commitment in coded.commitments:
        d = commitment.to_dict()
        rows.append({
            "id": d["id"], "doc_key": key, "doc_id": d["doc_id"],
            "sentence_index": d["sentence_index"], "kind": d["kind"], "holder": d["holder"],
            "trigger": d["trigger"], "response": d["response"], "sentence": d["sentence"],
            "date": _day(d["date"]),
        })
    return rows


def table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def band_table(keys: Sequence[str], minhashes: Sequence[Sequence[int] | None]) -> pa.Table:
    """The ``document_bands`` rows of documents (those without a signature have none)."""
    rows = [{"band": band, "doc_key": key} for key, sig in zip(keys, minhashes, strict=True)
            if sig is not None for band in band_keys(sig)]
    return table(rows, BAND_SCHEMA)
