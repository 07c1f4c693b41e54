"""The Dask engine: the same coding function mapped over partitions on a dask.distributed
cluster (a ``LocalCluster`` when no scheduler address is given).

The driver reads and plans the input as the local engine does (what is stored, what is a
near copy), cuts the documents to code into partitions, and submits them with a bounded
number in flight. A worker loads the coding resources once per process and options (its
``CoderPlugin``, a Dask worker plugin, holds them), codes its partition and writes three
Parquet files (documents, events, commitments) into a folder that it renames into place,
so a part is either complete or absent. The driver loads each finished part into DuckDB in
one transaction (deleting any earlier rows of those documents first), so loading is
idempotent, and a part already on disk from an interrupted run is loaded without coding it
again. At the end of a run the scratch folders of killed workers are removed, and the parts
folder when nothing is left in it. A ``--scheduler`` that does not answer within
``CONNECT_TIMEOUT_S`` is one line (``IngestError``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Worker, WorkerPlugin, get_worker

from redline import CODER_VERSION
from redline.coder import Coder, ResourceOptions, Resources
from redline.ingest.readers import read_inputs
from redline.output.terminal import one_line
from redline.runs.local import (
    IngestError,
    IngestResult,
    Progress,
    begin_run,
    build_batch,
    close_run,
    opened_store,
)
from redline.runs.plan import Planned
from redline.store.columns import COMMITMENT_SCHEMA, DOCUMENT_SCHEMA, EVENT_SCHEMA
from redline.store.rows import table
from redline.store.schema import StoreError, remove_empty_folder, write_failed
from redline.store.writer import Batch, RunCounts, StoreWriter

PARTITION_DOCUMENTS = 64
CONNECT_TIMEOUT_S = 10  # to reach a scheduler given by --scheduler
TABLES = (("documents", DOCUMENT_SCHEMA), ("events", EVENT_SCHEMA),
          ("commitments", COMMITMENT_SCHEMA))


class CoderPlugin(WorkerPlugin):
    """Each worker's coders, one per ``ResourceOptions``, loaded on first use and kept while
    the worker lives. Registered on the cluster at the start of a run (``idempotent``: a
    later run on the same scheduler keeps the workers' loaded coders); a task reaches its
    worker's copy through ``get_worker()``."""

    name = "redline-coders"
    idempotent = True

    def __init__(self) -> None:
        self._coders: dict[ResourceOptions, Coder] = {}

    def teardown(self, worker: Worker) -> None:
        self._coders.clear()

    def coder(self, options: ResourceOptions) -> Coder:
        coder = self._coders.get(options)
        if coder is None:
            coder = self._coders[options] = Coder(Resources.load(**options.as_kwargs()))
        return coder


def worker_coder(options: ResourceOptions) -> Coder:
    """The coder of the worker this task runs on, for ``options``."""
    plugin = get_worker().plugins.get(CoderPlugin.name)
    if not isinstance(plugin, CoderPlugin):
        raise RuntimeError(f"the Dask worker has no {CoderPlugin.name} plugin (register a "
                           "CoderPlugin on the cluster before submitting code_partition)")
    return plugin.coder(options)


@dataclass(frozen=True)
class PartResult:
    path: str
    documents: int
    events: int
    commitments: int


def code_partition(planned: list[Planned], part_dir: str, options: ResourceOptions,
                   run_id: str) -> PartResult:
    """Runs on a worker: code ``planned`` and write the part folder ``part_dir``."""
    target = Path(part_dir)
    if not _complete(target):
        results = worker_coder(options).code_documents(p.document for p in planned)
        coded = {p.key: c for p, c in zip(planned, results, strict=True)}
        batch = build_batch(planned, coded, run_id, RunCounts())
        _write_part(batch, target)
    return _summary(target)


def _write_part(batch: Batch, target: Path) -> None:
    scratch = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for name, schema in TABLES:
        pq.write_table(table(getattr(batch, name), schema), scratch / f"{name}.parquet")
    try:
        scratch.rename(target)  # atomic: the part appears complete or not at all
    except OSError:
        if not _complete(target):
            raise
        shutil.rmtree(scratch, ignore_errors=True)  # another attempt finished it first


def _complete(part: Path) -> bool:
    return all((part / f"{name}.parquet").exists() for name, _ in TABLES)


def _summary(part: Path) -> PartResult:
    counts = [pq.read_metadata(part / f"{name}.parquet").num_rows for name, _ in TABLES]
    return PartResult(str(part), *counts)


def _part_name(planned: Sequence[Planned], options: ResourceOptions) -> str:
    digest = hashlib.sha1()
    digest.update(f"{CODER_VERSION}|{options}".encode())
    for p in planned:
        digest.update(f"{p.key}|{p.duplicate_of}|{len(p.document.text)}|".encode())
        digest.update(p.document.text.encode("utf-8"))
    return f"part-{digest.hexdigest()[:20]}"


def load_part(writer: StoreWriter, part: Path, run_id: str) -> tuple[list[str], int, int]:
    """Load a finished part into the store (idempotent) as documents of the run ``run_id``
    (a part left by an interrupted run names that run); returns its documents' keys and its
    numbers of events and commitments."""
    tables = {name: pq.read_table(part / f"{name}.parquet", schema=schema)
              for name, schema in TABLES}
    docs = tables["documents"]
    docs = docs.set_column(docs.schema.get_field_index("run_id"), docs.schema.field("run_id"),
                           pa.array([run_id] * docs.num_rows, docs.schema.field("run_id").type))
    writer.write_tables(docs, tables["events"], tables["commitments"])
    return (docs.column("doc_key").to_pylist(), tables["events"].num_rows,
            tables["commitments"].num_rows)


def start_client(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    """A Dask client (and the LocalCluster it runs on when no scheduler is given); one line
    when the scheduler cannot be reached within ``CONNECT_TIMEOUT_S``."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT_S), None
        except (OSError, ValueError, TypeError) as exc:  # a timeout is an OSError
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(
                exc).__name__
            raise IngestError(one_line(f"cannot reach the Dask scheduler at {scheduler}: "
                                       f"{reason}")) from None
    cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    try:
        return Client(cluster), cluster
    except BaseException:
        cluster.close()
        raise


def ingest_dask(
    paths: Sequence[str],
    db: Path,
    options: ResourceOptions,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    default_date: date | None = None,
    arguments: Sequence[str] = (),
    progress: Progress | None = None,
    parts_dir: Path | None = None,
    writer: StoreWriter | None = None,
) -> IngestResult:
    """Ingest on a Dask cluster; ``writer`` as for ``run.ingest``. The parts folder (by
    default ``<db>.parts`` beside the store) is removed at the end when nothing is left in
    it."""
    if workers is not None and workers < 1:
        raise IngestError(f"--workers must be at least 1 (got {workers})")
    parts = parts_dir or db.with_name(db.name + ".parts")
    with opened_store(db, writer) as writer:
        try:
            parts.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(one_line(f"{parts}: cannot create the folder of the Dask parts "
                                      f"({(exc.strerror or type(exc).__name__).lower()})")
                             ) from None
        try:
            return _run(paths, db, writer, options, parts, scheduler, workers, default_date,
                        arguments, progress)
        finally:
            remove_empty_folder(parts)


def _run(paths: Sequence[str], db: Path, writer: StoreWriter,
         options: ResourceOptions, parts: Path, scheduler: str | None, workers: int | None,
         default_date: date | None, arguments: Sequence[str], progress: Progress | None
         ) -> IngestResult:
    from distributed import as_completed

    con = writer.con
    client, cluster = start_client(scheduler, workers)  # before a run is recorded here
    try:
        client.register_plugin(CoderPlugin())
        writer, counts, run_id, planner = begin_run(con, arguments, "dask", db, writer)
    except BaseException:
        _stop(client, cluster)
        raise
    status = "failed"
    try:
        try:
            in_flight_max = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
            pending: list[Planned] = []
            running = as_completed()
            in_flight = 0

            def submit(batch: list[Planned]) -> None:
                nonlocal in_flight
                coded_part = [p for p in batch if p.duplicate_of is None]
                duplicates = [p for p in batch if p.duplicate_of is not None]
                if duplicates:
                    writer.write(build_batch(duplicates, {}, run_id, counts))
                    planner.written(p.key for p in duplicates)
                if coded_part:
                    name = _part_name(coded_part, options)
                    running.add(client.submit(code_partition, coded_part, str(parts / name),
                                              options, run_id, key=f"{name}-{run_id}"))
                    in_flight += 1

            def drain(block_until: int) -> None:
                nonlocal in_flight
                while in_flight > block_until:
                    future = next(running)
                    result: PartResult = future.result()
                    in_flight -= 1
                    keys, events, commitments = load_part(writer, Path(result.path), run_id)
                    planner.written(keys)
                    counts.documents_new += len(keys)
                    counts.events += events
                    counts.commitments += commitments
                    shutil.rmtree(result.path, ignore_errors=True)
                    if progress is not None:
                        progress(counts)

            for planned in planner.plan(read_inputs(paths, default_date)):
                pending.append(planned)
                if len(pending) >= PARTITION_DOCUMENTS:
                    submit(pending)
                    pending = []
                    drain(in_flight_max)
            submit(pending)
            drain(0)
            status = "done"
        except (duckdb.Error, OSError) as exc:  # a full disk, an I/O error
            raise write_failed(db, exc) from None
        finally:
            _stop(client, cluster)
    finally:
        clusters = close_run(con, writer, db, run_id, counts, status)
    _remove_scratch(parts)  # the workers are gone: what is left of their writes is stale
    return IngestResult(run_id, counts, clusters)


def _stop(client: Any, cluster: Any) -> None:
    client.close()
    if cluster is not None:
        cluster.close()


def _remove_scratch(parts: Path) -> None:
    """Remove the scratch folders (``part-*.tmp-PID``) that workers killed while writing a
    part left behind; complete parts are kept (a later run may load them)."""
    with suppress(OSError):
        for scratch in parts.glob("part-*.tmp-*"):
            if scratch.is_dir() and not scratch.is_symlink():
                shutil.rmtree(scratch, ignore_errors=True)
