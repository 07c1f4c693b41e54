"""Deciding, document by document, whether to skip, store as a near copy, or code.

A document whose key is stored with the same text by this version of the coder, or that this
run has already taken, is counted as present and skipped (so a killed run, re-run with the
same arguments, picks up where it stopped); one stored by another version of the coder is
coded again, its old records replaced (a new redline's records, places say, reach a store
by ingesting its inputs again). A near copy of a stored or earlier document is stored as a
duplicate, not coded. What is stored is looked up in the store a group of documents at a
time; only the documents planned but not yet written are held in memory, so the planner's
memory does not grow with the store or the run (``written`` lets them go).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from redline import CODER_VERSION
from redline.ingest.readers import InputError
from redline.records import Document
from redline.store.near_duplicates import (
    NearDuplicateIndex,
    band_keys,
    first_near_copy,
    signature,
)
from redline.store.rows import doc_key, text_hash
from redline.store.writer import RunCounts, StoreWriter

LOOKUP_GROUP = 32  # documents whose stored versions and near copies are looked up together


@dataclass
class Planned:
    """A document with its key and what to do with it."""

    document: Document
    key: str
    minhash: list[int] | None
    duplicate_of: str | None
    replaces: bool = False  # a version with other text, from an earlier run, is stored


class Planner:
    def __init__(self, writer: StoreWriter, run_id: str, counts: RunCounts) -> None:
        self.writer = writer
        self.run_id = run_id
        self.counts = counts
        self.unwritten = NearDuplicateIndex()  # planned, not yet written, with a signature
        self.unwritten_keys: set[str] = set()
        self._written: list[str] = []

    def plan(self, items: Iterable[Document | InputError]) -> Iterator[Planned]:
        stream = iter(items)
        while group := list(islice(stream, LOOKUP_GROUP)):
            yield from self._plan_group(group)

    def written(self, keys: Iterable[str]) -> None:
        """These documents are in the store now. They are looked up there from the next
        group on: the group being planned has read the store before they were written."""
        self._written.extend(keys)

    def _plan_group(self, group: list[Document | InputError]) -> Iterator[Planned]:
        for key in self._written:
            self.unwritten_keys.discard(key)
            self.unwritten.remove(key)
        self._written = []
        documents = []
        for item in group:
            if isinstance(item, InputError):
                self.counts.documents_failed += 1
                self.counts.errors.append(str(item))
            else:
                documents.append(item)
        keys = [doc_key(d) for d in documents]
        stored = self.writer.stored_versions(keys)
        signatures = [signature(d.text) for d in documents]
        candidates = self.writer.near_copy_candidates(
            sorted({b for sig in signatures if sig is not None for b in band_keys(sig)}))
        for document, key, sig in zip(documents, keys, signatures, strict=True):
            digest, run, coder = stored.get(key, ("", "", ""))
            if (digest == text_hash(document.text) and coder == CODER_VERSION) \
                    or run == self.run_id or key in self.unwritten_keys:
                self.counts.documents_present += 1
                continue
            self.unwritten_keys.add(key)
            duplicate = None
            if sig is not None:
                duplicate = (first_near_copy(sig, candidates, exclude=key)
                             or self.unwritten.find(sig, exclude=key))
                if duplicate is None:
                    self.unwritten.add(key, sig)
            yield Planned(document, key, sig, duplicate, replaces=key in stored)
