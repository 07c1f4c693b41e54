"""``redline ingest``: read inputs, skip what is stored, code the rest, write in transactions.

The local engine streams documents: each one is keyed (``id:`` or ``hash:``); a document
already stored with the same text is counted as present and skipped (so a killed run, re-run
with the same arguments, picks up where it stopped); a near copy of a stored or earlier
document (``analysis/near_duplicates.py``) is stored as a duplicate, not coded; the others
are coded in chunks and each chunk is written in one transaction. The Dask engine
(``ingest/dask_engine.py``) codes the same way on a cluster and loads its part files here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from redline import CODER_VERSION
from redline.analysis.clusters import rebuild_clusters
from redline.analysis.near_duplicates import NearDuplicateIndex, signature
from redline.coder import Coder, Resources
from redline.ingest.readers import InputError, read_inputs
from redline.records import CodedDocument, Document
from redline.store.rows import (
    commitment_rows,
    doc_key,
    document_row,
    event_rows,
    text_hash,
    utc_now,
)
from redline.store.schema import connect, write_failed
from redline.store.writer import Batch, RunCounts, StoreWriter

BATCH_DOCUMENTS = 32

Progress = Callable[[RunCounts], None]


@dataclass
class Planned:
    """A document with its key and what to do with it."""

    document: Document
    key: str
    minhash: list[int] | None
    duplicate_of: str | None


@dataclass
class IngestResult:
    run_id: str
    counts: RunCounts
    clusters: int


class Planner:
    """Decides, document by document, whether to skip, store as a duplicate, or code."""

    def __init__(self, stored: dict[str, str], index: NearDuplicateIndex,
                 counts: RunCounts) -> None:
        self.stored = stored
        self.index = index
        self.counts = counts
        self.seen: set[str] = set()

    def plan(self, items: Iterable[Document | InputError]) -> Iterator[Planned]:
        for item in items:
            if isinstance(item, InputError):
                self.counts.documents_failed += 1
                self.counts.errors.append(str(item))
                continue
            key = doc_key(item)
            digest = text_hash(item.text)
            if self.stored.get(key) == digest or key in self.seen:
                self.counts.documents_present += 1
                continue
            self.seen.add(key)
            sig = signature(item.text)
            duplicate = self.index.find(sig, exclude=key) if sig is not None else None
            if duplicate is None and sig is not None:
                self.index.add(key, sig)
            yield Planned(item, key, sig, duplicate)


def ingest(
    paths: Sequence[str],
    db: Path,
    resources: Resources,
    *,
    default_date: date | None = None,
    arguments: Sequence[str] = (),
    progress: Progress | None = None,
) -> IngestResult:
    """Ingest with the local engine; returns the run's counts."""
    con = connect(db)
    try:
        writer, counts, run_id, planner = begin_run(con, arguments, "local")
        coder = Coder(resources)
        status = "failed"
        try:
            pending: list[Planned] = []
            for planned in planner.plan(read_inputs(paths, default_date)):
                pending.append(planned)
                if len(pending) >= BATCH_DOCUMENTS:
                    _code_and_write(pending, coder, writer, run_id, counts)
                    pending = []
                    if progress is not None:
                        progress(counts)
            _code_and_write(pending, coder, writer, run_id, counts)
            status = "done"
        except duckdb.Error as exc:  # a full disk, an I/O error
            raise write_failed(db, exc) from None
        finally:
            clusters = close_run(con, writer, db, run_id, counts, status)
        if progress is not None:
            progress(counts)
        return IngestResult(run_id, counts, clusters)
    finally:
        con.close()


def begin_run(con: duckdb.DuckDBPyConnection, arguments: Sequence[str], engine: str
              ) -> tuple[StoreWriter, RunCounts, str, Planner]:
    """Record a new run; the planner knows what the store already holds."""
    writer = StoreWriter(con)
    counts = RunCounts()
    run_id = writer.start_run(arguments, engine)
    planner = Planner(writer.stored_hashes(),
                      NearDuplicateIndex.of(writer.stored_signatures()), counts)
    return writer, counts, run_id, planner


def close_run(con: duckdb.DuckDBPyConnection, writer: StoreWriter, db: Path, run_id: str,
                counts: RunCounts, status: str) -> int:
    """Rebuild the clusters and record the run; returns the number of clusters. After a
    failed run this is best effort, so that the error reported is the first one."""
    try:
        clusters = rebuild_clusters(con, None if writer.rebuild_all else writer.touched_days)
        writer.finish_run(run_id, counts, status)
    except duckdb.Error as exc:
        if status == "done":
            raise write_failed(db, exc) from None
        return 0
    return clusters


def _code_and_write(pending: list[Planned], coder: Coder, writer: StoreWriter, run_id: str,
                    counts: RunCounts) -> None:
    if not pending:
        return
    to_code = [p for p in pending if p.duplicate_of is None]
    results = coder.code_documents(p.document for p in to_code)
    coded = {p.key: c for p, c in zip(to_code, results, strict=True)}
    writer.write(build_batch(pending, coded, run_id, counts))


def build_batch(pending: Sequence[Planned], coded: dict[str, CodedDocument], run_id: str,
                counts: RunCounts) -> Batch:
    """Rows for a batch of planned documents (``coded`` by document key; duplicates get a
    document row only)."""
    now = utc_now()
    batch = Batch()
    for planned in pending:
        result = coded.get(planned.key) if planned.duplicate_of is None else None
        batch.documents.append(document_row(
            planned.document, key=planned.key, minhash=planned.minhash, coded=result,
            duplicate_of=planned.duplicate_of, run_id=run_id, coder=CODER_VERSION, now=now))
        if result is None:
            counts.documents_duplicate += 1
            continue
        counts.documents_new += 1
        events = event_rows(result, planned.key)
        commitments = commitment_rows(result, planned.key)
        batch.events += events
        batch.commitments += commitments
        counts.events += len(events)
        counts.commitments += len(commitments)
    return batch
