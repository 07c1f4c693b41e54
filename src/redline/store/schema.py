"""The DuckDB store: one file, five tables (and two helper tables, ``meta`` and
``document_bands``).

- ``documents``: one row per input document, keyed by ``doc_key`` (``id:<id>`` when the
  input gives an id, else ``hash:<text hash>``); ``duplicate_of`` names the document a near
  copy (a wire story reprinted) was matched to; such copies are not coded.
- ``events`` and ``commitments``: the records of DESIGN.md, actors in list columns
  (``STRUCT(text, code, sector, name)[]``), with the ``doc_key`` they came from.
- ``event_clusters``: events of the same day, dyad, type, mode and place across documents.
- ``runs``: one row per ``redline ingest``, with its arguments, counts and errors.
- ``document_bands``: the MinHash band keys of the coded documents, the index that finds
  near copies (``analysis/near_duplicates.py``) without holding the store in memory.

A writing connection caps DuckDB's memory (``WRITER_MEMORY_MB``): without a cap DuckDB keeps
what it has read and built up to most of the machine's memory, so an ingest's resident size
would grow with the store. Below the cap it still keeps every page it has written, so the
writer has it drop them every few hundred documents (``release_cached_pages``). Everything
an ingest needs about stored documents is looked up here rather than held in Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

SCHEMA_VERSION = "2"  # 2: document_bands
WRITER_MEMORY_MB = 64
EVICTION_FLOOR_MB = 1  # see release_cached_pages

ACTOR = "STRUCT(text VARCHAR, code VARCHAR, sector VARCHAR, name VARCHAR)"
SKETCH = f"STRUCT(actor {ACTOR}[], event VARCHAR, mode VARCHAR, recipient {ACTOR}[])"

DDL = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_key VARCHAR PRIMARY KEY,
    id VARCHAR,
    title VARCHAR,
    date DATE,
    url VARCHAR,
    source VARCHAR,
    origin VARCHAR,
    text_hash VARCHAR,
    minhash UBIGINT[],
    n_sentences INTEGER,
    n_events INTEGER,
    n_commitments INTEGER,
    duplicate_of VARCHAR,
    ingested_at TIMESTAMP,
    coder VARCHAR,
    run_id VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR,
    doc_key VARCHAR,
    doc_id VARCHAR,
    sentence_index INTEGER,
    sentence VARCHAR,
    date DATE,
    date_precision VARCHAR,
    actor {ACTOR}[],
    event VARCHAR,
    mode VARCHAR,
    context VARCHAR[],
    recipient {ACTOR}[],
    cameo VARCHAR,
    quad INTEGER,
    intensity DOUBLE,
    asserted BOOLEAN,
    modality VARCHAR[],
    reported_by {ACTOR},
    location STRUCT(country VARCHAR, place VARCHAR),
    spans STRUCT(actor INTEGER[][], event INTEGER[][], recipient INTEGER[][]),
    confidence DOUBLE,
    coder VARCHAR
);
CREATE TABLE IF NOT EXISTS commitments (
    id VARCHAR,
    doc_key VARCHAR,
    doc_id VARCHAR,
    sentence_index INTEGER,
    kind VARCHAR,
    holder {ACTOR}[],
    "trigger" {SKETCH},
    response {SKETCH},
    sentence VARCHAR,
    date DATE
);
CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id VARCHAR PRIMARY KEY,
    date DATE,
    actor_codes VARCHAR[],
    recipient_codes VARCHAR[],
    event VARCHAR,
    mode VARCHAR,
    place VARCHAR,
    asserted BOOLEAN,
    num_mentions INTEGER,
    num_documents INTEGER,
    num_sources INTEGER,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP,
    event_ids VARCHAR[]
);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP,
    ended_at TIMESTAMP,
    status VARCHAR,
    engine VARCHAR,
    arguments VARCHAR,
    documents_new INTEGER,
    documents_present INTEGER,
    documents_duplicate INTEGER,
    documents_failed INTEGER,
    events INTEGER,
    commitments INTEGER,
    errors VARCHAR[]
);
CREATE TABLE IF NOT EXISTS document_bands (band UBIGINT, doc_key VARCHAR);
"""


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message is one line naming the file."""


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All statements inside commit together or not at all. A failed COMMIT (a full disk)
    has already ended the transaction, so the rollback is skipped rather than raising a
    second error over the first."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


def set_memory_limit(con: duckdb.DuckDBPyConnection, megabytes: int) -> None:
    con.execute(f"SET memory_limit = '{int(megabytes)}MiB'")


def release_cached_pages(con: duckdb.DuckDBPyConnection) -> None:
    """Make DuckDB drop the table pages it keeps after writing or reading them.

    Below its cap DuckDB evicts nothing, so an ingest's resident size grew with every page
    it appended (about 2 MB per 1,000 documents, up to the cap of 64 MiB). Lowered to a
    floor, the limit makes it evict every page not in use; where the pages in use (open
    row groups, indexes) exceed the floor it says so, which is expected here. The limit is
    then put back. Call it outside a transaction: an error inside one would abort it."""
    row = con.execute("SELECT current_setting('memory_limit')").fetchone()
    try:
        con.execute(f"SET memory_limit = '{EVICTION_FLOOR_MB}MiB'")
    except duckdb.OutOfMemoryException:
        pass
    finally:
        if row is not None:
            con.execute(f"SET memory_limit = '{row[0]}'")


def write_failed(path: Path, exc: Exception) -> StoreError:
    """The one-line error for a write that failed (disk full, I/O error)."""
    return StoreError(f"{path}: writing failed ({_first_line(exc)}); the documents stored so "
                      "far are complete; free space and re-run the same command to continue")


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or create) the store, with a clear error when the file is locked by another
    process or is not a DuckDB database. An existing file is never overwritten."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such database (run 'redline ingest' first)")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        raise StoreError(_explain(path, exc)) from None
    except duckdb.Error as exc:
        raise StoreError(f"{path}: cannot open the database ({_first_line(exc)})") from None
    if not read_only:
        try:
            set_memory_limit(con, WRITER_MEMORY_MB)
            with transaction(con):
                con.execute(DDL)
                _upgrade(con)
        except duckdb.Error as exc:
            con.close()
            raise StoreError(f"{path}: not a redline database ({_first_line(exc)})") from None
    return con


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a store written by an earlier version up to ``SCHEMA_VERSION``; a new store just
    gets the version."""
    found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if found is not None and found[0] != "1":
        return
    if found is not None:  # version 1 had no document_bands: index the stored signatures
        from redline.store.rows import band_table  # rows -> analysis; keep schema light

        after = ""
        while rows := con.execute(
                "SELECT doc_key, minhash FROM documents WHERE duplicate_of IS NULL AND minhash "
                "IS NOT NULL AND doc_key > ? ORDER BY doc_key LIMIT 4096", [after]).fetchall():
            con.register("new_bands", band_table([k for k, _ in rows], [m for _, m in rows]))
            con.execute("INSERT INTO document_bands SELECT * FROM new_bands")
            con.unregister("new_bands")
            after = rows[-1][0]
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])


def _explain(path: Path, exc: Exception) -> str:
    message = str(exc).replace(str(path), "")  # the path itself may contain any word
    if "not a valid DuckDB database file" in message:
        return f"{path}: not a DuckDB database file; refusing to touch it"
    if "Could not set lock" in message or "Conflicting lock" in message:
        return (f"{path}: the database is in use by another process (DuckDB allows one "
                "writer); wait for it to finish or use another --db")
    return f"{path}: cannot open the database ({_first_line(exc)})"


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
