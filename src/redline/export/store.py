"""``redline export``: the store's events in other people's formats.

One entry point, :func:`export`, reads the DuckDB store (``store/schema.py``) and writes
one of :data:`FORMATS`. It holds no CLI code: the ``redline export`` command calls it.
Every file is written to a temporary file beside its target and moved into place with
``os.replace`` only when the whole export succeeded, so a failed export never leaves a half
file (and, for the formats that write several files, never a mix of old and new files).

Filters (:class:`ExportFilter`) select events: ``since``/``until`` on the event date (an
event without a date is left out once either is given), ``actor`` on a code in the
event's actor *or* recipient list, ``event_type`` on the PLOVER type, ``asserted_only`` on
the events the text reports as having happened (not negated, hypothetical, conditional,
future or intended; ``None``, the default, is the format's own default: asserted only for
``gdelt`` and ``polecat``, whose data hold nothing else, every event for the other formats;
``False`` for ``gdelt`` or ``polecat``, ``--all``, adds their final ``Asserted`` column, see
``export/registry.py``), ``min_confidence`` on the event's confidence. Where commitments
are written (``csv`` to a directory, ``parquet``) the same filter selects them:
``since``/``until`` on the commitment date, ``actor`` on the holder and the actors and
recipients of trigger and response, ``event_type`` on the trigger's or the response's
type (the last two do not apply: a commitment is not an event). Documents are those the
exported events and commitments come from (all documents
when no filter is given, so documents that yielded no event are kept too).

The formats are the modules of this package, by name in ``export/registry.py``; ``parquet``
writes the store's own tables: one file per table in the directory ``out`` (created if
missing): ``documents.parquet``, ``events.parquet``, ``commitments.parquet``,
``event_clusters.parquet`` (the clusters holding an exported event) and ``runs.parquet``
(all runs), written by DuckDB ``COPY (SELECT ...) TO ... (FORMAT PARQUET)`` with the store's
own column types. ``csv`` to a folder also writes ``commitments.csv`` and
``documents.csv`` there.

With ``out=None`` the text formats go to ``stream`` (standard output when that is None
too); a directory ``out`` for a text format gets the format's file name
(``events.jsonl``, ``events.gdelt.tsv``, ``events.polecat.tsv``, ``events.csv``).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

import duckdb

from redline.export.files import Guard, directory, is_directory, staging
from redline.export.registry import EVENT_FORMATS, FORMATS, RowWriter, event_format
from redline.export.tables import start_table

PARQUET_TABLES = ("documents", "events", "commitments", "event_clusters", "runs")
_BATCH = 2000


@dataclass(frozen=True)
class ExportFilter:
    """Which records to export; ``None`` fields do not filter."""

    since: date | None = None
    until: date | None = None
    actor: str | None = None  # a code such as RUS or IGOUNO: in the actor OR recipient list
    event_type: str | None = None  # a PLOVER type such as ASSAULT
    # only events the text reports as having happened; None: the format's default
    asserted_only: bool | None = None
    min_confidence: float | None = None  # only events at least this confident

    @property
    def empty(self) -> bool:
        return (self.since is None and self.until is None and not self.actor
                and not self.event_type and not self.asserted_only
                and self.min_confidence is None)


NO_FILTER = ExportFilter()


# -- the entry point ----------------------------------------------------------------------


def export(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    out: str | os.PathLike[str] | None,
    flt: ExportFilter = NO_FILTER,
    stream: IO[str] | None = None,
    guard: Guard | None = None,
) -> int:
    """Write the store's events (and, for ``csv`` to a directory and ``parquet``, its other
    tables) in ``fmt`` to ``out``; return the number of event rows written.

    ``out`` is a file, or a directory (an existing one, or a path ending in ``/``); None
    sends a text format to ``stream`` (standard output when that is None too).
    Raises ``ValueError`` for an unknown format, ``parquet`` without ``out``, a ``since``
    after ``until``, or an ``out`` directory that is a file. ``guard`` is called with each
    file before it is written and raises ``ValueError`` to refuse it (the command line's
    checks: not the store, not over an existing file without ``--force``).
    """
    if fmt not in FORMATS:
        event_format(fmt)  # raises the error naming the choices
    flt = checked(flt, fmt)

    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet export needs --out DIR")
        return _export_parquet(con, directory(out), flt, guard)

    if out is None:
        text = stream if stream is not None else sys.stdout
        return _write_events(con, fmt, flt, text)

    if is_directory(out):
        folder = directory(out)
        if fmt == "csv":
            return _export_csv_directory(con, folder, flt, guard)
        target = folder / event_format(fmt).file_name
    else:
        target = Path(out)
    with staging(guard) as stage, stage.open_text(target) as handle:
        return _write_events(con, fmt, flt, handle)


def checked(flt: ExportFilter, fmt: str | None = None) -> ExportFilter:
    """``flt`` with its actor and type upper-cased and ``asserted_only`` decided (``fmt``'s
    default where it is None; no format: all events); ``ValueError`` for a ``since`` after
    ``until`` or a ``min_confidence`` outside 0..1."""
    if flt.since is not None and flt.until is not None and flt.since > flt.until:
        raise ValueError(f"--since {flt.since} is after --until {flt.until}")
    if flt.min_confidence is not None and not 0.0 <= flt.min_confidence <= 1.0:
        raise ValueError(f"--min-confidence {flt.min_confidence} is not between 0 and 1")
    return _normalised(flt, fmt)


def read_event_rows(con: duckdb.DuckDBPyConnection,
                    flt: ExportFilter = NO_FILTER) -> Iterator[dict[str, Any]]:
    """The stored events that pass ``flt`` as the rows every format writes (the event's
    columns, its document's and its cluster's), in export order; ``ValueError`` as
    :func:`checked`. For readers other than the formats (``redline.read_events``)."""
    return _event_rows(con, checked(flt))


def read_commitment_rows(con: duckdb.DuckDBPyConnection,
                         flt: ExportFilter = NO_FILTER) -> Iterator[dict[str, Any]]:
    """The stored commitments that pass ``flt`` (its date, actor and type), as exported."""
    return _commitment_rows(con, checked(flt))


def _normalised(flt: ExportFilter, fmt: str | None) -> ExportFilter:
    """The filter with its codes in upper case and ``asserted_only`` decided (the format's
    default where it is None)."""
    actor = flt.actor.strip().upper() if flt.actor and flt.actor.strip() else None
    kind = flt.event_type.strip().upper() if flt.event_type and flt.event_type.strip() else None
    found = EVENT_FORMATS.get(fmt) if fmt else None
    asserted = (found.selects_asserted(flt.asserted_only) if found is not None
                else bool(flt.asserted_only))
    return dataclasses.replace(flt, actor=actor, event_type=kind, asserted_only=asserted)


def _write_events(con: duckdb.DuckDBPyConnection, fmt: str, flt: ExportFilter,
                  handle: IO[str]) -> int:
    found = event_format(fmt)
    return _write_all(found.start(handle, found.marks(bool(flt.asserted_only))),
                      _event_rows(con, flt))


def _export_csv_directory(con: duckdb.DuckDBPyConnection, folder: Path,
                          flt: ExportFilter, guard: Guard | None) -> int:
    with staging(guard) as stage:
        with stage.open_text(folder / "events.csv") as handle:
            n = _write_table(handle, "events", _event_rows(con, flt))
        with stage.open_text(folder / "commitments.csv") as handle:
            _write_table(handle, "commitments", _commitment_rows(con, flt))
        with stage.open_text(folder / "documents.csv") as handle:
            _write_table(handle, "documents", _document_rows(con, flt))
    return n


def _write_table(handle: IO[str], table: str, rows: Iterator[dict[str, Any]]) -> int:
    return _write_all(start_table(handle, table), rows)


def _write_all(write: RowWriter, rows: Iterator[dict[str, Any]]) -> int:
    """Write every row; return how many."""
    n = 0
    for row in rows:
        write(row)
        n += 1
    return n


def _export_parquet(con: duckdb.DuckDBPyConnection, folder: Path, flt: ExportFilter,
                    guard: Guard | None) -> int:
    ev_where, ev_params = _event_where(flt, "e")
    queries: dict[str, tuple[str, list[Any]]] = {
        "events": (f"SELECT e.* FROM events e WHERE {ev_where} ORDER BY {_EVENT_ORDER}",
                   ev_params),
        "commitments": _commitment_query(flt),
        "documents": _document_query(flt),
        "event_clusters": _cluster_query(flt),
        "runs": ("SELECT * FROM runs ORDER BY started_at, run_id", []),
    }
    n_events = 0
    with staging(guard) as stage:
        for name in PARQUET_TABLES:
            sql, params = queries[name]
            tmp = stage.path(folder / f"{name}.parquet")
            result = con.execute(
                f"COPY ({sql}) TO {_sql_string(str(tmp))} (FORMAT PARQUET)", params
            ).fetchone()
            if name == "events":
                n_events = int(result[0]) if result else 0
    return n_events


# -- reading the store -----------------------------------------------------------------------

_EVENT_ORDER = "e.date NULLS LAST, e.doc_key, e.sentence_index, e.id"


def _codes_sql(actors: str) -> str:
    return f"[x.code FOR x IN {actors}]"


def _event_where(flt: ExportFilter, alias: str) -> tuple[str, list[Any]]:
    """The filter over events: :func:`_where`'s, then whether the event is asserted and how
    confident it is (commitments have neither)."""
    where, params = _where(flt, alias, [f"{alias}.actor", f"{alias}.recipient"],
                           [f"{alias}.event"])
    if flt.asserted_only:
        where += f" AND {alias}.asserted"
    if flt.min_confidence is not None:
        where += f" AND {alias}.confidence >= ?"
        params = [*params, flt.min_confidence]
    return where, params


def _commitment_where(flt: ExportFilter, alias: str) -> tuple[str, list[Any]]:
    return _where(flt, alias,
                  [f"{alias}.holder", f'{alias}."trigger".actor', f'{alias}."trigger".recipient',
                   f"{alias}.response.actor", f"{alias}.response.recipient"],
                  [f'{alias}."trigger".event', f"{alias}.response.event"])


def _where(flt: ExportFilter, alias: str, actor_lists: list[str], event_columns: list[str]
           ) -> tuple[str, list[Any]]:
    """The filter as SQL: the date range on ``alias.date``; the actor in any of
    ``actor_lists``; the event type in any of ``event_columns``."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.since is not None:
        clauses.append(f"{alias}.date >= ?")
        params.append(flt.since)
    if flt.until is not None:
        clauses.append(f"{alias}.date <= ?")
        params.append(flt.until)
    if flt.actor:
        clauses.append("(" + " OR ".join(f"list_contains({_codes_sql(x)}, ?)"
                                         for x in actor_lists) + ")")
        params += [flt.actor] * len(actor_lists)
    if flt.event_type:
        clauses.append("(" + " OR ".join(f"{column} = ?" for column in event_columns) + ")")
        params += [flt.event_type] * len(event_columns)
    return (" AND ".join(clauses) or "TRUE"), params


def _commitment_query(flt: ExportFilter) -> tuple[str, list[Any]]:
    where, params = _commitment_where(flt, "c")
    return (f"SELECT c.* FROM commitments c WHERE {where} "
            "ORDER BY c.date NULLS LAST, c.doc_key, c.sentence_index, c.id", params)


def _document_query(flt: ExportFilter) -> tuple[str, list[Any]]:
    if flt.empty:
        return "SELECT d.* FROM documents d ORDER BY d.doc_key", []
    ev_where, ev_params = _event_where(flt, "e")
    cm_where, cm_params = _commitment_where(flt, "c")
    return (f"SELECT d.* FROM documents d WHERE d.doc_key IN "
            f"(SELECT e.doc_key FROM events e WHERE {ev_where}) OR d.doc_key IN "
            f"(SELECT c.doc_key FROM commitments c WHERE {cm_where}) ORDER BY d.doc_key",
            ev_params + cm_params)


def _cluster_query(flt: ExportFilter) -> tuple[str, list[Any]]:
    if flt.empty:
        return "SELECT k.* FROM event_clusters k ORDER BY k.date, k.cluster_id", []
    ev_where, ev_params = _event_where(flt, "e")
    return (f"SELECT k.* FROM event_clusters k WHERE EXISTS (SELECT 1 FROM events e "
            f"WHERE {ev_where} AND list_contains(k.event_ids, e.id)) "
            "ORDER BY k.date, k.cluster_id", ev_params)


_EVENTS_SQL = """
WITH members AS (
    SELECT unnest(event_ids) AS event_id, cluster_id, num_mentions, num_sources, num_documents
    FROM event_clusters
), cl AS (
    SELECT event_id,
           arg_max(cluster_id, num_mentions) AS cluster_id,
           max(num_mentions) AS num_mentions,
           max(num_sources) AS num_sources,
           max(num_documents) AS num_documents
    FROM members GROUP BY event_id
)
SELECT e.*,
       d.url AS doc_url, d.title AS doc_title,
       d.source AS doc_source, d.date AS doc_date, d.ingested_at AS doc_ingested_at,
       cl.cluster_id, cl.num_mentions, cl.num_sources, cl.num_documents
FROM events e
LEFT JOIN documents d ON d.doc_key = e.doc_key
LEFT JOIN cl ON cl.event_id = e.id
WHERE {where}
ORDER BY {order}
"""


def _event_rows(con: duckdb.DuckDBPyConnection, flt: ExportFilter) -> Iterator[dict[str, Any]]:
    where, params = _event_where(flt, "e")
    return _rows(con, _EVENTS_SQL.format(where=where, order=_EVENT_ORDER), params)


def _commitment_rows(con: duckdb.DuckDBPyConnection,
                     flt: ExportFilter) -> Iterator[dict[str, Any]]:
    return _rows(con, *_commitment_query(flt))


def _document_rows(con: duckdb.DuckDBPyConnection,
                   flt: ExportFilter) -> Iterator[dict[str, Any]]:
    return _rows(con, *_document_query(flt))


def _rows(con: duckdb.DuckDBPyConnection, sql: str,
          params: list[Any]) -> Iterator[dict[str, Any]]:
    """The query's rows as dicts, fetched in batches (constant memory)."""
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        columns = [d[0] for d in cur.description or []]
        while True:
            batch = cur.fetchmany(_BATCH)
            if not batch:
                break
            for values in batch:
                yield dict(zip(columns, values, strict=True))
    finally:
        cur.close()




def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
