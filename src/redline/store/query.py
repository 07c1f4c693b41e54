"""``redline query``: ad-hoc SQL on the store, read-only.

Two guards: only ``SELECT`` and ``EXPLAIN`` statements are accepted (``COPY ... TO`` would
write a file even on a read-only database, ``ATTACH`` would open another), and the database
is opened read-only, so DuckDB itself refuses any write that got through.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import duckdb
from rich.console import Console
from rich.table import Table

from redline.store.schema import connect

ALLOWED = frozenset({"SELECT", "EXPLAIN"})
FORMATS = ("table", "csv", "jsonl")


class QueryError(ValueError):
    """The statement is refused or fails; one line."""


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"cannot parse the query: {_first_line(exc)}") from None
    if not statements:
        raise QueryError("the query is empty")
    for statement in statements:
        kind = str(statement.type).rsplit(".", 1)[-1]
        if kind not in ALLOWED:
            raise QueryError(f"refused: 'redline query' is read-only and this is a {kind} "
                             "statement")


def run_query(db: Path, sql: str, fmt: str, out: IO[str], console: Console) -> int:
    """Run ``sql`` on ``db`` and print the rows; returns the row count."""
    if fmt not in FORMATS:
        raise QueryError(f"--format must be one of {', '.join(FORMATS)}")
    con = connect(db, read_only=True)
    try:
        check_read_only(con, sql)
        try:
            result = con.execute(sql)
            columns = [d[0] for d in result.description or []]
            rows = result.fetchall()
        except duckdb.Error as exc:
            raise QueryError(_first_line(exc)) from None
    finally:
        con.close()
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in row] for row in rows])
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({c: _plain(v) for c, v in zip(columns, row, strict=True)},
                                 ensure_ascii=False) + "\n")
    else:
        table = Table(show_edge=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*[str(_plain(v)) if v is not None else "" for v in row])
        console.print(table)
        console.print(f"{len(rows)} rows")
    return len(rows)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
