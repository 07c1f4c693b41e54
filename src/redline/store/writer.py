"""Writing to the store: whole documents in transactions, runs, and what is already there.

A batch of documents is written in one transaction: the rows of any earlier version of
those documents are deleted and the new rows inserted, so a crash (even ``kill -9``) leaves
each document either fully stored or not at all, and re-running the same input adds
nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from redline.store.columns import COMMITMENT_SCHEMA, DOCUMENT_SCHEMA, EVENT_SCHEMA
from redline.store.rows import band_table, table, utc_now
from redline.store.schema import release_cached_pages, transaction

# DuckDB is made to drop the pages it keeps every this many documents written: flat memory
# for a few ms, as the next batches read the pages they need back from the file. Between two
# releases the pages add to the resident size (wire corpus: up to 25 MB in 512 documents,
# 15 MB in 128, a few MB in 32); releasing every 32 documents
# cost no time measurable in an ingest and kept the resident size after each write flat
# from 600 to 2,452 documents (docs/PERFORMANCE.md).
RELEASE_PAGES_EVERY_DOCUMENTS = 32


@dataclass
class Batch:
    documents: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    # keys of the documents whose stored versions these rows replace (None: not known)
    replaced: list[str] | None = None

    def __len__(self) -> int:
        return len(self.documents)


@dataclass
class RunCounts:
    documents_new: int = 0
    documents_present: int = 0
    documents_duplicate: int = 0
    documents_failed: int = 0
    events: int = 0
    commitments: int = 0
    errors: list[str] = field(default_factory=list)


class StoreWriter:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        # days whose event clusters the writes changed (None: undated events)
        self.touched_days: set[date | None] = set()
        # a killed run stored documents without rebuilding their clusters
        self.rebuild_all = False
        self._unreleased = 0  # documents written since DuckDB last dropped its cached pages
        self.run_id: str | None = None  # the run started here

    def stored_versions(self, keys: Sequence[str]) -> dict[str, tuple[str, str, str]]:
        """doc_key -> (text hash, run id, coder) of those of ``keys`` that are stored."""
        if not keys:
            return {}
        rows = self._with_keys("SELECT doc_key, text_hash, run_id, coder FROM documents "
                               "WHERE doc_key IN (SELECT doc_key FROM probe)", keys)
        return {key: (digest, run, coder or "") for key, digest, run, coder in rows}

    def near_copy_candidates(self, bands: Sequence[int]) -> list[tuple[str, list[int]]]:
        """(doc_key, MinHash) of the coded documents that share one of ``bands``, oldest
        first."""
        if not bands:
            return []
        return self._with_probe(
            "SELECT doc_key, minhash FROM documents WHERE doc_key IN (SELECT b.doc_key FROM "
            "document_bands b JOIN probe p ON b.band = p.band) ORDER BY ingested_at, doc_key",
            pa.table({"band": pa.array(bands, pa.uint64())}))

    def _with_keys(self, sql: str, keys: Sequence[str]) -> list[Any]:
        """Run ``sql`` with ``keys`` as the table ``probe(doc_key)``."""
        return self._with_probe(sql, pa.table({"doc_key": pa.array(keys, pa.string())}))

    def _with_probe(self, sql: str, probe: pa.Table) -> list[Any]:
        """Run ``sql`` with ``probe`` registered as the table ``probe``."""
        self.con.register("probe", probe)
        try:
            return self.con.execute(sql).fetchall()
        finally:
            self.con.unregister("probe")

    def write(self, batch: Batch) -> None:
        """Replace the batch's documents and their records, all or nothing."""
        if batch.documents:
            self.write_tables(table(batch.documents, DOCUMENT_SCHEMA),
                              table(batch.events, EVENT_SCHEMA),
                              table(batch.commitments, COMMITMENT_SCHEMA), batch.replaced)

    def write_tables(self, docs: pa.Table, events: pa.Table, commitments: pa.Table,
                     replaced: Sequence[str] | None = None) -> None:
        """The same for Arrow tables (Dask part files), all or nothing. ``replaced``: the
        documents of which an earlier version may be stored (None: any of them). Finding a
        stored version's rows scans whole tables, so a batch of new documents skips it: the
        cost of a batch (and the pages DuckDB reads) would otherwise grow with the store."""
        if not docs.num_rows:
            return
        con = self.con
        old_keys = docs.column("doc_key").to_pylist() if replaced is None else list(replaced)
        copied = [key for key in docs.column("duplicate_of").to_pylist() if key is not None]
        with transaction(con):
            self.touched_days.update(events.column("date").unique().to_pylist())
            if old_keys or copied:
                # the days of the replaced events, and of the originals that gained a copy
                self.touched_days.update(day for (day,) in self._with_keys(
                    "SELECT DISTINCT date FROM events WHERE doc_key IN (SELECT doc_key FROM "
                    "probe)", old_keys + copied))
            if old_keys:
                for name in ("events", "commitments", "documents", "document_bands"):
                    self._with_keys(f"DELETE FROM {name} WHERE doc_key IN "
                                    "(SELECT doc_key FROM probe)", old_keys)
            originals = docs.filter(pc.is_null(docs.column("duplicate_of")))
            bands = band_table(originals.column("doc_key").to_pylist(),
                               originals.column("minhash").to_pylist())
            for name, rows in (("documents", docs), ("events", events),
                               ("commitments", commitments), ("document_bands", bands)):
                if rows.num_rows:
                    self._with_probe(f"INSERT INTO {name} BY NAME SELECT * FROM probe", rows)
        self._unreleased += docs.num_rows
        if self._unreleased >= RELEASE_PAGES_EVERY_DOCUMENTS:
            release_cached_pages(con)
            self._unreleased = 0

    # -- runs -------------------------------------------------------------------------------
    def start_run(self, arguments: Sequence[str], engine: str) -> str:
        """Record a new run. A run left 'running' by a killed process becomes 'interrupted',
        with the counts of what it stored (``count_interrupted``)."""
        with transaction(self.con):
            interrupted = self.count_interrupted()
            run_id = uuid.uuid4().hex[:16]
            self.con.execute(
                "INSERT INTO runs (run_id, started_at, status, engine, arguments) VALUES "
                "(?, ?, 'running', ?, ?)",
                [run_id, utc_now(), engine, json.dumps(list(arguments))],
            )
        self.rebuild_all = bool(interrupted)
        self.run_id = run_id
        return run_id

    def count_interrupted(self) -> list[str]:
        """Mark the runs left 'running' (their process was killed: only one process writes
        to the store) 'interrupted' and fill their counts from what they stored: the
        documents whose ``run_id`` is theirs (coded, or near duplicates), and those
        documents' events and commitments. What they skipped or failed on is unknown and
        left NULL. Returns their ids."""
        con = self.con
        dead = [run for (run,) in con.execute(
            "SELECT run_id FROM runs WHERE status = 'running'").fetchall()]
        if not dead:
            return []
        probe = pa.table({"run_id": pa.array(dead, pa.string())})
        self._with_probe(
            "UPDATE runs SET status = 'interrupted', documents_new = c.new, "
            "documents_duplicate = c.duplicate, events = c.events, commitments = c.commitments "
            "FROM (SELECT p.run_id, "
            "  (SELECT count(*) FROM documents d WHERE d.run_id = p.run_id "
            "   AND d.duplicate_of IS NULL) AS new, "
            "  (SELECT count(*) FROM documents d WHERE d.run_id = p.run_id "
            "   AND d.duplicate_of IS NOT NULL) AS duplicate, "
            "  (SELECT count(*) FROM events e WHERE e.doc_key IN "
            "   (SELECT doc_key FROM documents d WHERE d.run_id = p.run_id)) AS events, "
            "  (SELECT count(*) FROM commitments m WHERE m.doc_key IN "
            "   (SELECT doc_key FROM documents d WHERE d.run_id = p.run_id)) AS commitments "
            " FROM probe p) c WHERE runs.run_id = c.run_id", probe)
        return dead

    def finish_run(self, run_id: str, counts: RunCounts, status: str) -> None:
        self.con.execute(
            "UPDATE runs SET ended_at = ?, status = ?, documents_new = ?, "
            "documents_present = ?, documents_duplicate = ?, documents_failed = ?, events = ?, "
            "commitments = ?, errors = ? WHERE run_id = ?",
            [utc_now(), status, counts.documents_new, counts.documents_present,
             counts.documents_duplicate, counts.documents_failed, counts.events,
             counts.commitments, counts.errors, run_id],
        )

    def abandon_run(self, error: str) -> None:
        """Record the run started here as failed with ``error``, unless it has ended (it
        could not start: the models are missing, the scheduler cannot be reached)."""
        if self.run_id is not None:
            self.con.execute(
                "UPDATE runs SET ended_at = ?, status = 'failed', errors = ? WHERE run_id = ? "
                "AND status = 'running'", [utc_now(), [error], self.run_id])
