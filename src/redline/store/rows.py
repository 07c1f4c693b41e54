"""Coded documents as table rows (plain dicts), and Arrow tables of them for fast inserts and
Parquet part files. The tables' columns are the records' fields (``records.py``) with the
``doc_key`` of the document they came from after the ``id``."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from redline.records import CodedDocument, Document, Field
from redline.store.columns import BAND_SCHEMA, COMMITMENT_COLUMNS, EVENT_COLUMNS
from redline.store.near_duplicates import band_keys


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


def record_row(record: dict[str, Any], key: str, columns: Sequence[Field]) -> dict[str, Any]:
    """A record's JSON object (``to_dict``) as a row of its table: the columns' values in
    order, ``doc_key`` added, ISO dates as dates."""
    values = {**record, "doc_key": key}
    return {f.name: _day(values[f.name]) if f.kind == "day" else values[f.name]
            for f in columns}


def event_rows(coded: CodedDocument, key: str) -> list[dict[str, Any]]:
    return [record_row(event.to_dict(), key, EVENT_COLUMNS) for event in coded.events]


def commitment_rows(coded: CodedDocument, key: str) -> list[dict[str, Any]]:
    return [record_row(commitment.to_dict(), key, COMMITMENT_COLUMNS)
            for commitment in coded.commitments]


def table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def band_table(keys: Sequence[str], minhashes: Sequence[Sequence[int] | None]) -> pa.Table:
    """The ``document_bands`` rows of documents (those without a signature have none)."""
    rows = [{"band": band, "doc_key": key} for key, sig in zip(keys, minhashes, strict=True)
            if sig is not None for band in band_keys(sig)]
    return table(rows, BAND_SCHEMA)
