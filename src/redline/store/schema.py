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
  near copies (``store/near_duplicates.py``) without holding the store in memory.

A writing connection caps DuckDB's memory (``WRITER_MEMORY_MB``): without a cap DuckDB keeps
what it has read and built up to most of the machine's memory, so an ingest's resident size
would grow with the store. Below the cap it still keeps every page it has written, so the
writer has it drop them every few hundred documents (``release_cached_pages``). Everything
an ingest needs about stored documents is looked up here rather than held in Python.

A store is recognised by its ``meta`` table holding ``schema_version``: ``connect`` refuses,
without changing a byte, a DuckDB file that has tables but no such ``meta`` (another
program's database) and a store of a newer schema version; an empty DuckDB file may become
a store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from redline.output.terminal import one_line
from redline.records import LOCATION_FIELDS
from redline.store.columns import SCALAR_SQL, SQL_TYPES, TABLE_COLUMNS, create_table

SCHEMA_VERSION = "3"  # 2: document_bands; 3: geocoded locations
WRITER_MEMORY_MB = 64
EVICTION_FLOOR_MB = 1  # see release_cached_pages

DDL = "\n".join(
    ["CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);"]
    + [create_table(name, columns) for name, columns in TABLE_COLUMNS.items()]) + """
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


class StoreLockedError(StoreError):
    """Another process holds the database."""


# what a write that failed for want of space or permission raises
WRITE_ERRORS = (duckdb.IOException, duckdb.TransactionException, duckdb.OutOfMemoryException,
                duckdb.PermissionException, duckdb.FatalException)


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
    """The one-line error for a write that failed (disk full, I/O error, no permission)."""
    reason = _first_line(exc, path)
    if _no_permission(reason):
        return StoreError(one_line(f"{path}: cannot write the database ({reason}); check the "
                                   "permissions of the file and its folder"))
    return StoreError(one_line(f"{path}: writing failed ({reason}); the documents stored so "
                               "far are complete; free space and re-run the same command to "
                               "continue"))


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (or create) the store, with a clear one-line error when the file is locked by
    another process, is not a DuckDB database, is the database of another program (tables
    but no redline ``meta``), was written by a newer redline, or cannot be created.

    An existing file is first opened read-only and inspected, so a file that is refused is
    left byte for byte as it was (a read-write open would replay and fold in its write-ahead
    log). An empty DuckDB database (no tables) becomes a store when opened for writing. A
    new file whose creation fails (a full disk, no permission) is removed again, so that a
    re-run is not refused for the half-written file."""
    path = Path(path)
    existed = path.exists()
    if read_only and not existed:
        raise StoreError(one_line(f"{path}: no such database (run 'redline ingest' first)"))
    if existed:
        con = _open(path, read_only=True, writer=not read_only)
        try:
            version = _store_version(con, path)
        except BaseException:
            con.close()
            raise
        if read_only:
            if version is None:
                con.close()
                raise StoreError(one_line(f"{path}: the database holds no redline data yet "
                                          "(run 'redline ingest' first)"))
            return con
        con.close()
    try:
        con = _open(path, read_only=False, new=not existed)
    except StoreLockedError:
        raise  # another process created it meanwhile: its file
    except StoreError:
        if not existed:
            _remove_new_file(path)  # a full disk: DuckDB wrote part of the header
        raise
    try:
        set_memory_limit(con, WRITER_MEMORY_MB)
        with transaction(con):
            con.execute(DDL)
            _upgrade(con)
    except duckdb.Error as exc:
        con.close()
        if not existed:
            _remove_new_file(path)
            raise _create_failed(path, exc) from None
        if isinstance(exc, WRITE_ERRORS):
            raise write_failed(path, exc) from None
        raise StoreError(one_line(f"{path}: not a redline database that this version can "
                                  f"use ({_first_line(exc, path)})")) from None
    except BaseException:
        con.close()
        if not existed:
            _remove_new_file(path)
        raise
    return con


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Close a connection and remove DuckDB's spill folder (``<db>.tmp``) when it is left
    empty: DuckDB deletes its temporary files on closing, not the folder. A folder that still
    holds a file is kept."""
    folder = None
    with suppress(duckdb.Error, IndexError, TypeError):
        folder = con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0]
    con.close()
    if folder:
        remove_empty_folder(Path(folder))


def remove_empty_folder(folder: Path) -> None:
    """Remove ``folder`` if it is an empty folder (not a link); anything else is kept."""
    with suppress(OSError):
        if folder.is_dir() and not folder.is_symlink():
            folder.rmdir()  # fails, and keeps it, when anything is in it


def _open(path: Path, *, read_only: bool, new: bool = False, writer: bool = False
          ) -> duckdb.DuckDBPyConnection:
    """Open ``path``; ``writer``: read-only, to inspect it for a writing connection."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        message = _explain(path, exc, reading=read_only and not writer, new=new)
        if _is_lock(path, exc):
            raise StoreLockedError(message) from None
        raise StoreError(message) from None
    except duckdb.Error as exc:
        raise StoreError(one_line(f"{path}: cannot open the database "
                                  f"({_first_line(exc, path)})")) from None


def _store_version(con: duckdb.DuckDBPyConnection, path: Path) -> int | None:
    """The schema version of the store on ``con``; None for an empty database (no tables or
    views). A database with tables but no redline ``meta``, or of a newer or unknown schema
    version, is refused."""
    try:
        objects = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = "
            "current_database() UNION ALL SELECT schema_name, view_name FROM duckdb_views() "
            "WHERE database_name = current_database() AND NOT internal").fetchall()
    except duckdb.Error as exc:
        raise StoreError(one_line(f"{path}: cannot read the database "
                                  f"({_first_line(exc, path)})")) from None
    found: list[tuple[object, ...]] = []
    if ("main", "meta") in objects:
        with suppress(duckdb.Error):  # a "meta" table of another shape: not ours
            found = con.execute(
                "SELECT value FROM main.meta WHERE key = 'schema_version'").fetchall()
    if not found:
        if not objects:
            return None
        raise StoreError(one_line(
            f"{path}: a DuckDB database of another program (it has tables but no redline "
            "meta table); refusing to touch it; use another --db"))
    value = found[0][0]
    try:
        version = int(str(value))
    except (TypeError, ValueError):
        version = -1
    if version > int(SCHEMA_VERSION):
        raise StoreError(one_line(
            f"{path}: written by a newer version of redline (store schema version {value}; "
            f"this version knows up to {SCHEMA_VERSION}); upgrade redline to use it"))
    if version < 1:
        raise StoreError(one_line(f"{path}: unknown redline store schema version "
                                  f"{value!r}; refusing to touch it"))
    return version


def _create_failed(path: Path, exc: Exception) -> StoreError:
    reason = _first_line(exc, path)
    advice = "" if _no_permission(reason) or "directory" in reason.lower() else (
        "; free space and re-run the same command")
    return StoreError(one_line(f"{path}: cannot create the database ({reason}){advice}"))


def _remove_new_file(path: Path) -> None:
    """Remove what a failed creation of the store left (the file, its write-ahead log)."""
    for leftover in (path, path.with_name(path.name + ".wal")):
        with suppress(OSError):
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink()
    remove_empty_folder(path.with_name(path.name + ".tmp"))


def _no_permission(reason: str) -> bool:
    lowered = reason.lower()
    return "permission denied" in lowered or "read-only file system" in lowered


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a store written by an earlier version up to ``SCHEMA_VERSION``; a new store just
    gets the version."""
    found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    version = found[0] if found is not None else None  # None: a new store
    if version == SCHEMA_VERSION:
        return  # nothing to write: an open of a current store stays a read
    if version == "1":  # version 1 had no document_bands: index the stored signatures
        from redline.store.rows import band_table  # rows -> analysis; keep schema light

        after = ""
        while rows := con.execute(
                "SELECT doc_key, minhash FROM documents WHERE duplicate_of IS NULL AND minhash "
                "IS NOT NULL AND doc_key > ? ORDER BY doc_key LIMIT 4096", [after]).fetchall():
            con.register("new_bands", band_table([k for k, _ in rows], [m for _, m in rows]))
            con.execute("INSERT INTO document_bands SELECT * FROM new_bands")
            con.unregister("new_bands")
            after = rows[-1][0]
    if version in ("1", "2"):  # places had a country and words only: the new fields empty
        con.execute(_widen_location())
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])


UNGEOCODED = ("stored before places were geocoded (ingesting the document again codes it "
              "anew)")


def _widen_location() -> str:
    """The ALTER that gives a stored event's location the fields of ``LOCATION_FIELDS``,
    keeping its country and words; its other fields stay empty (re-ingest to geocode)."""
    values = {"country": 'location."country"', "place": 'location."place"',
              "unresolved": f"'{UNGEOCODED}'"}
    members = ", ".join(
        f'"{f.name}" := ' + values.get(f.name, "''" if f.kind == "text" else
                                       f"NULL::{SCALAR_SQL[f.kind]}")
        for f in LOCATION_FIELDS)
    return (f"ALTER TABLE events ALTER location TYPE {SQL_TYPES['location']} USING CASE WHEN "
            f"location IS NULL THEN NULL ELSE struct_pack({members}) END")



def _is_lock(path: Path, exc: Exception) -> bool:
    message = str(exc).replace(str(path.absolute()), "").replace(str(path), "")
    return "Could not set lock" in message or "Conflicting lock" in message


def _explain(path: Path, exc: Exception, *, reading: bool = False, new: bool = False) -> str:
    message = str(exc).replace(str(path.absolute()), "").replace(str(path), "")
    if "not a valid DuckDB database file" in message:
        return one_line(f"{path}: not a DuckDB database file; refusing to touch it")
    if _is_lock(path, exc):
        if reading:
            return one_line(f"{path}: the database is being written by another process (an "
                            "ingest?); wait for it to finish and try again")
        return one_line(f"{path}: the database is in use by another process (DuckDB allows "
                        "one writer); wait for it to finish or use another --db")
    if new:
        return _create_failed(path, exc).args[0]
    return one_line(f"{path}: cannot open the database ({_first_line(exc, path)})")


def _first_line(exc: Exception, path: Path | None = None) -> str:
    """The first line of ``exc``'s message, where ``path`` (whose name may hold a line break)
    is shown by its name."""
    text = str(exc)
    mark = "\ue000"  # a private-use character stands for the path while lines are split
    if path is not None:
        for form in sorted({str(path.absolute()), str(path)}, key=len, reverse=True):
            text = text.replace(form, mark)
    lines = text.strip().splitlines()
    if not lines:
        return type(exc).__name__
    return one_line(lines[0].replace(mark, path.name if path is not None else ""))
