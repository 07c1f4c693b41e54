"""Coded documents as the event rows the formats write, the same rows ``export/store.py``
reads from the store: the event's stored columns and its document's (``doc_id``,
``doc_url``, ``doc_title``, ``doc_source``, ``doc_date``); nothing of clusters or ingest
times, which only the store has. ``asserted_only`` keeps the asserted events only, as
``redline export`` does by default for ``gdelt`` and ``polecat`` (``export/registry.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from redline.records import CodedDocument
from redline.store.columns import COMMITMENT_COLUMNS, EVENT_COLUMNS
from redline.store.rows import doc_key, record_row


def _document_columns(coded: CodedDocument) -> dict[str, Any]:
    doc = coded.document
    return {"doc_url": doc.url or None, "doc_title": doc.title or None,
            "doc_source": doc.source or None, "doc_date": doc.date}


def event_rows(coded: CodedDocument, asserted_only: bool = False
               ) -> Iterator[dict[str, Any]]:
    key = doc_key(coded.document)
    document = _document_columns(coded)
    for event in coded.events:
        if asserted_only and not event.asserted:
            continue
        yield {**record_row(event.to_dict(), key, EVENT_COLUMNS), **document}


def commitment_rows(coded: CodedDocument) -> Iterator[dict[str, Any]]:
    key = doc_key(coded.document)
    for commitment in coded.commitments:
        yield record_row(commitment.to_dict(), key, COMMITMENT_COLUMNS)
