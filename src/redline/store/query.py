"""``redline query``: ad-hoc SQL on the store, read-only, bounded in time and memory.

The guards (the first two overlap on purpose):

- DuckDB's own settings (:func:`open_locked`). The store is opened read-only; external
  access is off (``enable_external_access=false``: no ``COPY ... TO``/``EXPORT``, no
  ``ATTACH`` of another file, no reading or listing files with ``read_csv``/``read_text``/``glob``/
  ``FROM 'path'``, no URLs, no ``INSTALL``/``LOAD``), extensions are never installed or
  loaded automatically, Python objects are not scanned, memory (``QUERY_MEMORY_MB``) and
  threads are capped, nothing is spilled to a temporary directory, and then
  ``lock_configuration=true``, so the query cannot ``SET`` (or ``PRAGMA``) any of that back.
- The statement guard (:func:`check_read_only`): every statement must be a ``SELECT``
  (which includes ``WITH``, ``DESCRIBE``, ``SHOW``, ``SUMMARIZE``) or an ``EXPLAIN
  [ANALYZE]`` of exactly one ``SELECT``: the inner statement of an ``EXPLAIN`` is parsed
  and checked too (``EXPLAIN ANALYZE COPY ... TO`` runs the ``COPY``). Anything it cannot
  read as such is refused.
- A time limit: a timer interrupts the query after ``timeout`` seconds (``con.interrupt``
  stops both a running query and the fetching of a streamed result). CSV and JSONL rows
  are written as they are fetched; the table keeps its rows until it is printed.

``allow_files=True`` (``--allow-files``) lets queries read local files
(``allowed_directories=['/']``, still no URLs, no extensions). DuckDB has no read-only
file access, so there the statement guard alone keeps ``COPY ... TO`` and the like out.

Values are written so that every DuckDB type comes out: ``BLOB`` (and ``GEOMETRY``) as
base64 text, ``UUID`` as text, ``INTERVAL`` as an ISO-8601 duration in days and time
(``P3DT1H30M``; DuckDB hands a month to Python as 30 days), ``DATE``/``TIME``/
``TIMESTAMP`` in ISO 8601, ``DECIMAL`` as a JSON number (its exact text in CSV), ``MAP``
as an object whose keys are text. In JSON, NaN and ±Infinity are written as ``null`` (the
JSON written is always strict JSON); CSV keeps ``nan``/``inf``, and nested values are
JSON text. Repeated column names in JSONL get ``_1``, ``_2`` ... suffixes. The table
shows every value and column name as plain text: no Rich markup, no terminal sequences.
"""

from __future__ import annotations

import base64
import csv
import json
import math
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from uuid import UUID

import duckdb
from rich.console import Console
from rich.table import Table

from redline.output.lines import escape_line_breaks
from redline.output.terminal import as_text, one_line
from redline.store.schema import connect

ALLOWED = frozenset({"SELECT", "EXPLAIN"})
FORMATS = ("table", "csv", "jsonl")
DEFAULT_TIMEOUT_S = 60.0
QUERY_MEMORY_MB = 1024
QUERY_THREADS = max(1, min(4, os.cpu_count() or 1))
BATCH_ROWS = 2048

# Words an EXPLAIN may have before the statement it explains.
_EXPLAIN_WORDS = frozenset({"ANALYZE", "ANALYSE", "VERBOSE"})


class QueryError(ValueError):
    """The statement is refused or fails; one line."""


def open_locked(db: Path, *, allow_files: bool = False, tuning: Sequence[str] = ()
                ) -> duckdb.DuckDBPyConnection:
    """``db`` opened read-only with external access off and the configuration locked;
    ``tuning``: more SET statements of the caller's, made before the lock."""
    con = connect(db, read_only=True)
    settings = [
        "SET autoinstall_known_extensions = false",
        "SET autoload_known_extensions = false",
        "SET allow_community_extensions = false",
        "SET python_enable_replacements = false",
        f"SET memory_limit = '{int(QUERY_MEMORY_MB)}MiB'",
        f"SET threads = {int(QUERY_THREADS)}",
        "SET temp_directory = ''",
    ]
    if allow_files:
        roots = sorted({os.path.abspath(os.sep), Path.cwd().anchor} - {""})
        quoted = ", ".join("'" + root.replace("'", "''") + "'" for root in roots)
        settings.append(f"SET allowed_directories = [{quoted}]")
    settings += [*tuning, "SET enable_external_access = false", "SET lock_configuration = true"]
    try:
        for statement in settings:
            con.execute(statement)
    except duckdb.Error as exc:
        con.close()
        raise QueryError(f"cannot lock down the connection: {_first_line(exc)}") from None
    return con


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse ``sql`` unless every statement is a SELECT or an EXPLAIN of one."""
    statements = _parse(con, sql)
    if not statements:
        raise QueryError("the query is empty")
    for statement in statements:
        kind = _kind(statement)
        if kind not in ALLOWED:
            raise QueryError(f"refused: 'redline query' is read-only and this is a {kind} "
                             "statement")
        if kind == "EXPLAIN":
            inner = _explained(con, statement.query)
            if inner is None:
                raise QueryError("refused: 'redline query' explains only a single SELECT")
            inner_kind = _kind(inner)
            if inner_kind != "SELECT":
                raise QueryError(f"refused: 'redline query' is read-only and this explains a "
                                 f"{inner_kind} statement")


def run_query(db: Path, sql: str, fmt: str, out: IO[str], console: Console, *,
              timeout: float = DEFAULT_TIMEOUT_S, allow_files: bool = False) -> int:
    """Run ``sql`` on ``db`` and print the rows; returns the row count. CSV and JSONL rows are
    written as they come; the table is printed at the end."""
    if fmt not in FORMATS:
        raise QueryError(f"--format must be one of {', '.join(FORMATS)}")
    if not (math.isfinite(timeout) and timeout > 0):
        raise QueryError("--timeout must be a positive number of seconds")
    con = open_locked(db, allow_files=allow_files)
    try:
        check_read_only(con, sql)
        hint = "" if allow_files else " (--allow-files lets a query read local files)"
        sink = _run(con, sql, fmt, out, timeout, hint)
    finally:
        con.close()
    if fmt == "table":
        sink.print_table(console)
    return sink.count


def _run(con: duckdb.DuckDBPyConnection, sql: str, fmt: str, out: IO[str], timeout: float,
         hint: str) -> _Sink:
    stopped = QueryError(f"the query was stopped after {timeout:g} seconds (--timeout)")
    with _deadline(con, timeout) as expired:
        try:
            result = con.execute(sql)
            sink = _Sink(fmt, [str(d[0]) for d in result.description or []], out)
            while batch := result.fetchmany(BATCH_ROWS):
                if expired.is_set():
                    raise stopped
                sink.write(batch)
        except duckdb.Error as exc:
            if expired.is_set():
                raise stopped from None
            denied = isinstance(exc, duckdb.PermissionException)
            raise QueryError(_first_line(exc) + (hint if denied else "")) from None
    return sink


class _Sink:
    """Writes CSV and JSONL rows as they come, keeps table rows for the end."""

    def __init__(self, fmt: str, columns: list[str], out: IO[str]) -> None:
        self.fmt, self.columns, self.out = fmt, columns, out
        self.count = 0
        self.cells: list[list[str]] = []
        self.keys = _unique(columns)
        self.writer = csv.writer(out) if fmt == "csv" else None
        if self.writer is not None:
            self.writer.writerow(columns)

    def write(self, batch: Sequence[tuple[Any, ...]]) -> None:
        self.count += len(batch)
        if self.writer is not None:
            self.writer.writerows([[_cell(v) for v in row] for row in batch])
        elif self.fmt == "jsonl":
            self.out.write("".join(escape_line_breaks(
                json.dumps({k: json_value(v) for k, v in zip(self.keys, row, strict=True)},
                           ensure_ascii=False, allow_nan=False)) + "\n" for row in batch))
        else:
            self.cells.extend([_cell(v) for v in row] for row in batch)

    def print_table(self, console: Console) -> None:
        table = Table(show_edge=False)
        for column in self.columns:
            table.add_column(as_text(column), overflow="fold")
        for row in self.cells:
            table.add_row(*[as_text(cell) for cell in row])
        console.print(table)
        console.print(f"{self.count} rows")


def json_value(value: Any) -> Any:
    """``value`` (as DuckDB hands it to Python) as a value ``json.dumps`` writes as strict
    JSON."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return iso_duration(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {_json_key(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return str(value)


def iso_duration(value: timedelta) -> str:
    """An ISO-8601 duration in days, hours, minutes and seconds: ``P3D``, ``-PT1H30M``,
    ``PT0.5S``."""
    micros = value // timedelta(microseconds=1)
    sign = "-" if micros < 0 else ""
    days, micros = divmod(abs(micros), 86_400_000_000)
    hours, micros = divmod(micros, 3_600_000_000)
    minutes, micros = divmod(micros, 60_000_000)
    seconds, micros = divmod(micros, 1_000_000)
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if seconds or micros:
        clock += f"{seconds}" + (f".{micros:06d}".rstrip("0") if micros else "") + "S"
    if not days and not clock:
        return "PT0S"
    return f"{sign}P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")


def _cell(value: Any) -> str:
    """``value`` as the text of a CSV or table cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float | Decimal):
        return str(value)
    if isinstance(value, dict | list | tuple):
        return json.dumps(json_value(value), ensure_ascii=False, allow_nan=False)
    return str(json_value(value))


def _json_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    plain = json_value(key)
    return plain if isinstance(plain, str) else json.dumps(plain, ensure_ascii=False,
                                                           allow_nan=False)


def _unique(columns: list[str]) -> list[str]:
    keys: list[str] = []
    for column in columns:
        key, n = column, 0
        while key in keys:
            n += 1
            key = f"{column}_{n}"
        keys.append(key)
    return keys


@contextmanager
def _deadline(con: duckdb.DuckDBPyConnection, seconds: float) -> Iterator[threading.Event]:
    """Interrupt the query running on ``con`` after ``seconds``; the event says it was."""
    expired = threading.Event()

    def stop() -> None:
        expired.set()
        with suppress(duckdb.Error):  # closed meanwhile
            con.interrupt()

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield expired
    finally:
        timer.cancel()
        timer.join()


def _parse(con: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    try:
        return list(con.extract_statements(sql))
    except duckdb.Error as exc:
        raise QueryError(f"cannot parse the query: {_first_line(exc)}") from None


def _kind(statement: Any) -> str:
    return str(statement.type).rsplit(".", 1)[-1]


def _explained(con: duckdb.DuckDBPyConnection, query: str) -> Any | None:
    """The statement an ``EXPLAIN [ANALYZE] [VERBOSE] | EXPLAIN (options)`` statement
    explains, or None when it is not exactly one statement."""
    data = query.encode("utf-8")  # the tokenizer gives byte offsets
    try:
        tokens = duckdb.tokenize(query)
    except duckdb.Error:
        return None
    ends = [start for start, _ in tokens[1:]] + [len(data)]
    starts, words = [], []
    for (start, kind), end in zip(tokens, ends, strict=True):
        if kind != duckdb.token_type.comment:
            starts.append(start)
            words.append(data[start:end].decode("utf-8", "replace").strip())
    if not words or words[0].upper() != "EXPLAIN":
        return None
    i = 1
    if i < len(words) and words[i].startswith("("):
        depth = 0
        while i < len(words):
            depth += words[i].count("(") - words[i].count(")")
            i += 1
            if depth <= 0:
                break
    while i < len(words) and words[i].upper() in _EXPLAIN_WORDS:
        i += 1
    if i >= len(words):
        return None
    try:
        inner = con.extract_statements(data[starts[i]:].decode("utf-8"))
    except (duckdb.Error, UnicodeDecodeError):
        return None
    return inner[0] if len(inner) == 1 else None


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return one_line(lines[0]) if lines else type(exc).__name__
