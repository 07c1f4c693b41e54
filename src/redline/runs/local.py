"""``redline ingest``: read inputs, skip what is stored, code the rest, write in transactions.

The local engine streams documents: each one is keyed (``id:`` or ``hash:``) and planned
(``runs/plan.py``: skipped when stored with the same text, stored as a duplicate when it
is a near copy, else coded); the documents to code are coded in chunks and each chunk is
written in one transaction. The Dask engine (``runs/dask_engine.py``) codes the same way
on a cluster and loads its part files here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import duckdb

from redline import CODER_VERSION
from redline.analysis.clusters import rebuild_clusters
from redline.coder import Coder, Resources
from redline.ingest.readers import InputError, read_inputs
from redline.nlp.memory import fix_mmap_threshold, release_free_memory
from redline.records import CodedDocument, Document
from redline.runs.plan import Planned, Planner
from redline.store.rows import commitment_rows, document_row, event_rows, utc_now
from redline.store.schema import close, connect, write_failed
from redline.store.writer import Batch, RunCounts, StoreWriter

BATCH_DOCUMENTS = 32

Progress = Callable[[RunCounts], None]


class DocumentCoder(Protocol):
    """What an ingest codes with: a ``Coder``, or the service's document coded before it
    took the store."""

    def code_documents(self, documents: Iterable[Document]) -> Iterator[CodedDocument]: ...


@dataclass
class IngestResult:
    run_id: str
    counts: RunCounts
    clusters: int


class IngestError(RuntimeError):
    """The run cannot start (a bad option, an unreachable cluster); the message is one line."""


def ingest(
    paths: Sequence[str],
    db: Path,
    resources: Resources,
    *,
    default_date: date | None = None,
    arguments: Sequence[str] = (),
    progress: Progress | None = None,
    writer: StoreWriter | None = None,
) -> IngestResult:
    """Ingest with the local engine; returns the run's counts. ``writer``: a writer on the
    store ``db`` already opened (``schema.connect``), whose run may have been started
    (``StoreWriter.start_run``); the caller closes it. The CLI opens the store and starts
    the run before it loads the models, so a locked or foreign file is refused at once and
    a run killed while they load is recorded. By default the store is opened and closed
    here."""
    # measured with bench/ingest.py: the local engine's peak 17 MB lower on the wire corpus;
    # not in Dask workers, whose peak it raised by 44 MB (they code in a thread of their own)
    fix_mmap_threshold()
    with opened_store(db, writer) as writer:
        return ingest_items(read_inputs(paths, default_date), db, Coder(resources), writer,
                            arguments=arguments, progress=progress)


def ingest_items(
    items: Iterable[Document | InputError],
    db: Path,
    coder: DocumentCoder,
    writer: StoreWriter,
    *,
    arguments: Sequence[str] = (),
    engine: str = "local",
    progress: Progress | None = None,
) -> IngestResult:
    """``ingest`` of documents already read (``redline watch`` reads feeds over HTTP), with
    ``coder`` (loaded once by the caller) into the open store of ``writer``: one run."""
    con = writer.con
    writer, counts, run_id, planner = begin_run(con, arguments, engine, db, writer)
    status = "failed"
    try:
        pending: list[Planned] = []
        for planned in planner.plan(items):
            pending.append(planned)
            if len(pending) >= BATCH_DOCUMENTS:
                _code_and_write(pending, coder, writer, planner, counts)
                pending = []
                if progress is not None:
                    progress(counts)
        _code_and_write(pending, coder, writer, planner, counts)
        status = "done"
    except duckdb.Error as exc:  # a full disk, an I/O error
        raise write_failed(db, exc) from None
    finally:
        clusters = close_run(con, writer, db, run_id, counts, status)
    if progress is not None:
        progress(counts)
    return IngestResult(run_id, counts, clusters)


@contextmanager
def opened_store(db: Path, writer: StoreWriter | None = None) -> Iterator[StoreWriter]:
    """``writer``, or a writer on the store ``db`` opened here and closed on leaving (its
    spill folder removed when empty)."""
    if writer is not None:
        yield writer
        return
    con = connect(db)
    try:
        yield StoreWriter(con)
    finally:
        close(con)


def begin_run(con: duckdb.DuckDBPyConnection, arguments: Sequence[str], engine: str,
              db: Path, writer: StoreWriter | None = None
              ) -> tuple[StoreWriter, RunCounts, str, Planner]:
    """Record a new run (unless ``writer`` has started one); the planner knows what the
    store already holds."""
    writer = writer or StoreWriter(con)
    counts = RunCounts()
    run_id = writer.run_id or start_run(writer, arguments, engine, db)
    planner = Planner(writer, run_id, counts)
    return writer, counts, run_id, planner


def start_run(writer: StoreWriter, arguments: Sequence[str], engine: str, db: Path) -> str:
    """``writer.start_run`` with a full disk (the run's first write) as one line."""
    try:
        return writer.start_run(arguments, engine)
    except duckdb.Error as exc:
        raise write_failed(db, exc) from None


def close_run(con: duckdb.DuckDBPyConnection, writer: StoreWriter, db: Path, run_id: str,
                counts: RunCounts, status: str) -> int:
    """Rebuild the clusters and record the run; returns the number of clusters. After a
    failed run this is best effort, so that the error reported is the first one."""
    release_free_memory()  # DuckDB allocates apart from the heap coding freed
    try:
        clusters = rebuild_clusters(con, None if writer.rebuild_all else writer.touched_days)
        writer.finish_run(run_id, counts, status)
    except duckdb.Error as exc:
        if status == "done":
            raise write_failed(db, exc) from None
        return 0
    return clusters


def _code_and_write(pending: list[Planned], coder: DocumentCoder, writer: StoreWriter,
                    planner: Planner, counts: RunCounts) -> None:
    if not pending:
        return
    to_code = [p for p in pending if p.duplicate_of is None]
    results = coder.code_documents(p.document for p in to_code)
    coded = {p.key: c for p, c in zip(to_code, results, strict=True)}
    writer.write(build_batch(pending, coded, planner.run_id, counts))
    planner.written(p.key for p in pending)


def build_batch(pending: Sequence[Planned], coded: dict[str, CodedDocument], run_id: str,
                counts: RunCounts) -> Batch:
    """Rows for a batch of planned documents (``coded`` by document key; duplicates get a
    document row only)."""
    now = utc_now()
    batch = Batch(replaced=[p.key for p in pending if p.replaces])
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
