"""The store as the service holds it.

Reads go through one connection opened like ``redline query``'s (``open_locked``: read-only,
no file or network access from SQL, extensions never loaded, the configuration locked); each
request takes a cursor of its own (DuckDB connections are not shared across threads).

Writing (``POST /documents``, only with a token): DuckDB allows one process to write, and in
one process a file is opened with one configuration, so a locked read-only connection and a
writing one cannot be open together. A write therefore takes the store exclusively: it waits
for the reads in flight, closes the read connection, writes with a plain writing connection
(``schema.connect``, what ``redline ingest`` uses), closes it and reopens the locked read
connection. Reads wait only for the write itself: the text is coded before (``app.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from redline.store.query import QueryError, open_locked
from redline.store.schema import StoreError, close, connect
from redline.store.writer import StoreWriter

T = TypeVar("T")

# The service's queries are pages of a few dozen rows, many at once. DuckDB's late
# materialization fetches a top-N page's rows by a join that scans every column of the
# table; plainly keeping the page's rows in the top-N costs a tenth to a quarter less
# (docs/PERFORMANCE.md).
READ_TUNING = ("SET disabled_optimizers = 'late_materialization'",)


class StoreUnavailable(RuntimeError):
    """The store cannot be opened again (another process took it); one line."""


class ReadWriteLock:
    """Many readers or one writer; a waiting writer goes before new readers."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class ServiceStore:
    """The store file ``db`` opened for the service (see the module's docstring)."""

    def __init__(self, db: Path, *, create: bool = False) -> None:
        self.db = Path(db)
        if create and not self.db.exists():
            close(connect(self.db))  # an empty store, so that reads find its tables
        self._lock = ReadWriteLock()
        self._con: duckdb.DuckDBPyConnection | None = open_locked(self.db, tuning=READ_TUNING)

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the locked read-only connection, closed on leaving."""
        with self._lock.read():
            if self._con is None:  # a write could not reopen it
                raise StoreUnavailable("the store cannot be read now")
            cursor = self._con.cursor()
            try:
                yield cursor
            finally:
                cursor.close()

    def write(self, work: Callable[[StoreWriter], T]) -> T:
        """``work`` with a writer on the store, while no read runs."""
        with self._lock.write():
            if self._con is not None:
                self._con.close()
                self._con = None
            try:
                con = connect(self.db)
                try:
                    return work(StoreWriter(con))
                finally:
                    close(con)
            finally:
                try:
                    self._con = open_locked(self.db, tuning=READ_TUNING)
                except (StoreError, QueryError) as exc:
                    raise StoreUnavailable(f"the store cannot be read again: {exc}") from None

    def close(self) -> None:
        with self._lock.write():
            if self._con is not None:
                self._con.close()
                self._con = None
