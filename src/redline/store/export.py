"""``redline export``: the store's events in other people's formats.

One entry point, :func:`export`, reads the DuckDB store (``store/schema.py``) and writes
one of :data:`FORMATS`. It holds no CLI code: the ``redline export`` command calls it.
Every file is written to a temporary file beside its target and moved into place with
``os.replace`` only when the whole export succeeded, so a failed export never leaves a half
file (and, for the formats that write several files, never a mix of old and new files).

Filters (:class:`ExportFilter`) select events: ``since``/``until`` on the event date (an
event without a date is left out once either is given), ``actor`` on a code in the
event's actor *or* recipient list, ``event_type`` on the PLOVER type. Where commitments
are written (``csv`` to a directory, ``parquet``) the same filter selects them:
``since``/``until`` on the commitment date, ``actor`` on the holder and the actors and
recipients of trigger and response, ``event_type`` on the trigger's or the response's
type. Documents are those the exported events and commitments come from (all documents
when no filter is given, so documents that yielded no event are kept too).

Formats
-------

``plover-jsonl``
    One JSON object per event and line, with the field names of the PLOVER manual's JSON
    data fields (openeventdata/PLOVER, ``PLOVER_MANUAL.tex``, chapter "JSON Data Fields":
    the tables "PLOVER JSON", "Information object for actors", "... for text",
    "... for citations" and the location object). The mapping:

    ==================  ====================================================================
    PLOVER field        redline
    ==================  ====================================================================
    ``id``              ``id``
    ``date``            ``date`` (YYYY-MM-DD)
    ``source``          ``actor``: list of actor objects, each ``code``, ``sector``,
                        ``actor_text`` (our ``text``), ``identifier_text`` (our canonical
                        ``name``)
    ``recipient``       ``recipient``, the same actor objects
    ``event``           ``[event]`` (the manual makes it a list of categories)
    ``event_loc``       ``location``: ``{"cc3": country, "name": place}`` (the manual's
                        ``cc3`` is the ISO-3166 alpha-3 code; we have no alpha-2 code,
                        GeoNames id or coordinates)
    ``quad_code``       ``quad``
    ``event_scale``     ``intensity``
    ``mode``            ``mode``
    ``context``         ``context`` (a list)
    ``link``            the ``cluster_id`` of the event's duplicate cluster (the manual's
                        "common reference across multiple related events")
    ``text``            ``sentence``
    ``text_info``       ``{"sequence": sentence_index}``
    ``cite_info``       ``citation`` (our document id), ``url``, ``title``,
                        ``publication`` (the document's ``source``)
    ``coder``           ``coder``
    ``coded_date``      the date of the document's ``ingested_at``
    ``coded_time``      the time of the document's ``ingested_at`` (HH:MM:SS)
    ==================  ====================================================================

    Empty values are omitted, never invented; so are the PLOVER fields we have nothing
    for (``has_event``, ``time``, ``enddate``, ``endtime``, ``event_text``: our event span
    is a document offset and the document text is not stored, ``comment``, and the actor
    object's ``identifier_id``, ``actor_loc``, ``religion``, ``ethnicity``, ``office``,
    ``gender``, ``age``). Our fields without a PLOVER name go, as the manual allows, into
    one extension object ``"redline"``: ``doc_id``, ``date_precision``, ``cameo``,
    ``asserted``, ``modality``, ``reported_by``, ``confidence`` and, for a clustered event,
    ``num_mentions``, ``num_sources``, ``num_documents``.

``gdelt``
    Tab-separated rows in the column order of the GDELT 2.0 event table
    (:data:`GDELT_COLUMNS`, 61 columns, no header line, as in GDELT's own files). The
    names are those of GDELT's 2.0 column header file and BigQuery table (the 2.0 codebook
    calls the first columns ``GlobalEventID`` and ``Day``). One row per event: Actor1 is
    the first actor, Actor2 the first recipient.

    - ``GLOBALEVENTID``: ``int(id[:15], 16)``, a stable integer from our hex id.
    - ``SQLDATE`` YYYYMMDD, ``MonthYear`` YYYYMM, ``Year``; ``FractionDate`` is
      ``year + (day_of_year - 1) / days_in_year`` with 4 decimals, which stays in the
      codebook's 0-0.9999 range (its own ``(MONTH * 30 + DAY) / 365`` does not).
    - ``ActorNCode``: country code + sector (``RUSGOV``), IGO codes as they are
      (``IGOUNO``); ``ActorNName``: the canonical name; ``ActorNCountryCode``: the
      ISO-3166 alpha-3 code, empty for ``WST``, IGOs and the other non-state codes;
      ``ActorNKnownGroupCode``: for an IGO, the last three letters of its code (``UNO``),
      as in CAMEO; ``ActorNType1-3Code``: ``IGO`` for an IGO, then the sector in 3-letter
      pieces. Ethnic and religion codes: empty.
    - ``IsRootEvent``: 1 for sentence 0, else 0.
    - ``EventCode``: our ``cameo``; ``EventBaseCode`` its first 3 digits,
      ``EventRootCode`` its first 2 (strings, leading zeros kept: ``042``, ``04``).
    - ``QuadClass``: ``quad``; ``GoldsteinScale``: ``intensity`` (the PLOVER intensity,
      on the same -10..10 scale).
    - ``NumMentions``/``NumSources``/``NumArticles``: ``num_mentions``/``num_sources``/
      ``num_documents`` of the event's cluster in ``event_clusters``, else 1/1/1.
    - ``AvgTone``: empty (we do not measure tone).
    - ``Actor1Geo_*``, ``Actor2Geo_*``: no place; ``_Type`` 0, the rest empty.
      ``ActionGeo_*``: from ``location``: ``_Type`` 1 (country), ``_FullName`` the place
      (else the country code), ``_CountryCode`` the ISO-3166 alpha-3 code (GDELT uses
      FIPS 10-4 two-letter codes here: we have ISO3 and write it), the rest empty; no
      location: ``_Type`` 0, the rest empty.
    - ``DATEADDED``: the document's ``ingested_at`` as YYYYMMDDHHMMSS (GDELT's is UTC;
      ours is the clock of the machine that ran ``redline ingest``).
    - ``SOURCEURL``: the document's ``url``, else its id.

``polecat``
    Tab-separated, with a header line: the 40 columns of the POLECAT weekly files
    (:data:`POLECAT_COLUMNS`, as published on Harvard Dataverse, doi:10.7910/DVN/AJGVIT;
    the older files call ``Event Intensity`` ``Intensity``). Filled: ``Event ID``,
    ``Event Date``, ``Event Type``, ``Event Mode``, ``Event Intensity``, ``Quad Code``
    (``VERBAL COOPERATION``, ``MATERIAL COOPERATION``, ``VERBAL CONFLICT``,
    ``MATERIAL CONFLICT``), ``Contexts`` (joined with ``|``), ``Actor Name``,
    ``Actor Country``, ``Actor Name Raw`` (the text), ``Primary Actor Sector``,
    ``Actor Sectors``, the same for ``Recipient``, ``Placename`` and ``Country`` (from
    ``location``; ISO3, as POLECAT), ``Source`` (the document's source),
    ``Publication Date`` (the document's date), ``Version`` (our ``coder``). Several
    actors (or recipients) are joined with ``"; "``. Left empty, as we have nothing for
    them: ``Actor COW``, ``Actor Title``, ``Wikipedia Actor ID``, ``Recipient COW``,
    ``Recipient Title``, ``Wikipedia Recipient ID``, ``City``, ``District``,
    ``Province``, ``Latitude``, ``Longitude``, ``GeoNames ID``, ``Raw Placename``,
    ``Feature Type``, ``Story People``, ``Story Organizations``, ``Story Locations``,
    ``Language``.

``csv``
    ``events.csv``: one flat row per event (:data:`EVENT_CSV_COLUMNS`; actor codes,
    sectors and names joined with ``;`` position by position). When ``out`` is a
    directory (an existing one, or a path written with a trailing ``/``) also
    ``commitments.csv`` (:data:`COMMITMENT_CSV_COLUMNS`) and ``documents.csv``
    (:data:`DOCUMENT_CSV_COLUMNS`) there; to a file or a stream, events only.

``parquet``
    One file per table in the directory ``out`` (created if missing):
    ``documents.parquet``, ``events.parquet``, ``commitments.parquet``,
    ``event_clusters.parquet`` (the clusters holding an exported event) and
    ``runs.parquet`` (all runs), written by DuckDB ``COPY (SELECT ...) TO ...
    (FORMAT PARQUET)`` with the store's own column types.

With ``out=None`` the text formats go to ``stream`` (standard output when that is None
too); a directory ``out`` for ``plover-jsonl``, ``gdelt`` or ``polecat`` gets
``events.jsonl``, ``events.gdelt.tsv`` or ``events.polecat.tsv``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import duckdb

from redline.output.cells import spreadsheet_safe, spreadsheet_safe_row

Guard = Callable[[Path], None]

__all__ = [
    "COMMITMENT_CSV_COLUMNS",
    "DOCUMENT_CSV_COLUMNS",
    "EVENT_CSV_COLUMNS",
    "FORMATS",
    "GDELT_COLUMNS",
    "NO_FILTER",
    "PARQUET_TABLES",
    "POLECAT_COLUMNS",
    "ExportFilter",
    "export",
]

FORMATS = ("plover-jsonl", "gdelt", "polecat", "csv", "parquet")

DEFAULT_NAMES = {
    "plover-jsonl": "events.jsonl",
    "gdelt": "events.gdelt.tsv",
    "polecat": "events.polecat.tsv",
    "csv": "events.csv",
}

PARQUET_TABLES = ("documents", "events", "commitments", "event_clusters", "runs")


def _gdelt_actor_columns(n: int) -> tuple[str, ...]:
    return tuple(f"Actor{n}{name}" for name in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code"))


def _gdelt_geo_columns(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{name}" for name in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))


GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + _gdelt_actor_columns(1)
    + _gdelt_actor_columns(2)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + _gdelt_geo_columns("Actor1Geo")
    + _gdelt_geo_columns("Actor2Geo")
    + _gdelt_geo_columns("ActionGeo")
    + ("DATEADDED", "SOURCEURL")
)
assert len(GDELT_COLUMNS) == 61

POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations",
    "Language", "Version",
)
assert len(POLECAT_COLUMNS) == 40

POLECAT_QUADS = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT",
                 4: "MATERIAL CONFLICT"}

EVENT_CSV_COLUMNS = (
    "id", "doc_key", "doc_id", "sentence_index", "date", "date_precision",
    "actor", "actor_sector", "actor_name", "event", "mode", "context",
    "recipient", "recipient_sector", "recipient_name", "cameo", "quad", "intensity",
    "asserted", "modality", "reported_by", "location_country", "location_place",
    "confidence", "coder", "sentence",
)
COMMITMENT_CSV_COLUMNS = (
    "id", "doc_key", "doc_id", "sentence_index", "kind", "holder",
    "trigger_actor", "trigger_event", "trigger_mode", "trigger_recipient",
    "response_actor", "response_event", "response_mode", "response_recipient",
    "date", "sentence",
)
DOCUMENT_CSV_COLUMNS = (
    "doc_key", "id", "title", "date", "url", "source", "origin", "text_hash",
    "n_sentences", "n_events", "n_commitments", "duplicate_of", "ingested_at", "coder",
    "run_id",
)

# codes in an actor's ``code`` field that are not countries (PLOVER's non-state codes)
NON_STATE_CODES = frozenset({"WST", "IGO", "NGO", "ISM", "IMG", "MNC"})

_BATCH = 2000


@dataclass(frozen=True)
class ExportFilter:
    """Which records to export; ``None`` fields do not filter."""

    since: date | None = None
    until: date | None = None
    actor: str | None = None  # a code such as RUS or IGOUNO: in the actor OR recipient list
    event_type: str | None = None  # a PLOVER type such as ASSAULT

    @property
    def empty(self) -> bool:
        return (self.since is None and self.until is None and not self.actor
                and not self.event_type)


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
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if flt.since is not None and flt.until is not None and flt.since > flt.until:
        raise ValueError(f"--since {flt.since} is after --until {flt.until}")
    flt = _normalised(flt)

    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet export needs --out DIR")
        return _export_parquet(con, _directory(out), flt, guard)

    if out is None:
        text = stream if stream is not None else sys.stdout
        return _write_events(con, fmt, flt, text)

    if _is_directory(out):
        folder = _directory(out)
        if fmt == "csv":
            return _export_csv_directory(con, folder, flt, guard)
        target = folder / DEFAULT_NAMES[fmt]
    else:
        target = Path(out)
    with _staging(guard) as stage, stage.open_text(target) as handle:
        return _write_events(con, fmt, flt, handle)


def _normalised(flt: ExportFilter) -> ExportFilter:
    actor = flt.actor.strip().upper() if flt.actor and flt.actor.strip() else None
    kind = flt.event_type.strip().upper() if flt.event_type and flt.event_type.strip() else None
    return ExportFilter(since=flt.since, until=flt.until, actor=actor, event_type=kind)


def _write_events(con: duckdb.DuckDBPyConnection, fmt: str, flt: ExportFilter,
                  handle: IO[str]) -> int:
    rows = _event_rows(con, flt)
    if fmt == "plover-jsonl":
        return _write_lines(handle, (json.dumps(plover_record(r), ensure_ascii=False)
                                     for r in rows))
    if fmt == "gdelt":
        return _write_lines(handle, (_tsv(gdelt_row(r)) for r in rows))
    if fmt == "polecat":
        handle.write(_tsv(POLECAT_COLUMNS) + "\n")
        return _write_lines(handle, (_tsv(polecat_row(r)) for r in rows))
    if fmt == "csv":
        return _write_csv(handle, EVENT_CSV_COLUMNS, (event_csv_row(r) for r in rows))
    raise AssertionError(fmt)  # pragma: no cover (checked by export)


def _write_lines(handle: IO[str], lines: Iterable[str]) -> int:
    n = 0
    for line in lines:
        handle.write(line)
        handle.write("\n")
        n += 1
    return n


def _write_csv(handle: IO[str], columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
    writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(spreadsheet_safe_row(row))
        n += 1
    return n


def _export_csv_directory(con: duckdb.DuckDBPyConnection, folder: Path,
                          flt: ExportFilter, guard: Guard | None) -> int:
    with _staging(guard) as stage:
        with stage.open_text(folder / "events.csv") as handle:
            n = _write_csv(handle, EVENT_CSV_COLUMNS,
                           (event_csv_row(r) for r in _event_rows(con, flt)))
        with stage.open_text(folder / "commitments.csv") as handle:
            _write_csv(handle, COMMITMENT_CSV_COLUMNS,
                       (commitment_csv_row(r) for r in _commitment_rows(con, flt)))
        with stage.open_text(folder / "documents.csv") as handle:
            _write_csv(handle, DOCUMENT_CSV_COLUMNS,
                       (document_csv_row(r) for r in _document_rows(con, flt)))
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
    with _staging(guard) as stage:
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
    return _where(flt, alias, [f"{alias}.actor", f"{alias}.recipient"], [f"{alias}.event"])


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


# -- formats ---------------------------------------------------------------------------------


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _actors(value: Any) -> list[dict[str, Any]]:
    return [a for a in (value or []) if a]


def _num(value: Any) -> str:
    """A number as GDELT and POLECAT write it: ``-4``, ``3.4``; None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return format(float(value), "g")


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date | datetime) else _s(value)


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """An event row (with its document columns) as a PLOVER JSON event record."""
    rec: dict[str, Any] = {"id": row["id"]}
    if row.get("date") is not None:
        rec["date"] = _iso(row["date"])
    rec["source"] = [_plover_actor(a) for a in _actors(row.get("actor"))]
    recipients = [_plover_actor(a) for a in _actors(row.get("recipient"))]
    if recipients:
        rec["recipient"] = recipients
    if row.get("event"):
        rec["event"] = [row["event"]]
    loc = row.get("location") or {}
    event_loc = {k: v for k, v in (("cc3", loc.get("country")), ("name", loc.get("place")))
                 if v}
    if event_loc:
        rec["event_loc"] = event_loc
    if row.get("quad") is not None:
        rec["quad_code"] = row["quad"]
    if row.get("intensity") is not None:
        rec["event_scale"] = row["intensity"]
    if row.get("mode"):
        rec["mode"] = row["mode"]
    if row.get("context"):
        rec["context"] = list(row["context"])
    if row.get("cluster_id"):
        rec["link"] = row["cluster_id"]
    if row.get("sentence"):
        rec["text"] = row["sentence"]
    if row.get("sentence_index") is not None:
        rec["text_info"] = {"sequence": row["sentence_index"]}
    cite = {k: v for k, v in (("citation", row.get("doc_id")), ("url", row.get("doc_url")),
                              ("title", row.get("doc_title")),
                              ("publication", row.get("doc_source"))) if v}
    if cite:
        rec["cite_info"] = cite
    if row.get("coder"):
        rec["coder"] = row["coder"]
    ingested = row.get("doc_ingested_at")
    if isinstance(ingested, datetime):
        rec["coded_date"] = ingested.date().isoformat()
        rec["coded_time"] = ingested.time().replace(microsecond=0).isoformat()
    extra: dict[str, Any] = {
        "doc_id": row.get("doc_id"),
        "date_precision": row.get("date_precision"),
        "cameo": row.get("cameo"),
        "asserted": row.get("asserted"),
        "modality": list(row.get("modality") or []),
        "reported_by": _plover_actor(row["reported_by"]) if row.get("reported_by") else None,
        "confidence": row.get("confidence"),
    }
    if row.get("cluster_id"):
        extra.update(num_mentions=row.get("num_mentions"), num_sources=row.get("num_sources"),
                     num_documents=row.get("num_documents"))
    rec["redline"] = {k: v for k, v in extra.items() if v is not None and v != ""}
    return rec


def _plover_actor(actor: dict[str, Any]) -> dict[str, Any]:
    obj = {"code": _s(actor.get("code"))}
    for ours, theirs in (("sector", "sector"), ("text", "actor_text"),
                         ("name", "identifier_text")):
        if actor.get(ours):
            obj[theirs] = actor[ours]
    return obj


def gdelt_event_id(event_id: str) -> int:
    """GDELT's integer GLOBALEVENTID from our 16-hex-digit id (any other id: via SHA-1)."""
    head = event_id[:15]
    try:
        return int(head, 16)
    except ValueError:
        return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _fraction_date(day: date) -> str:
    days_in_year = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    fraction = (day.timetuple().tm_yday - 1) / days_in_year
    return f"{day.year + fraction:.4f}"


def _gdelt_actor(actor: dict[str, Any] | None) -> list[str]:
    if not actor:
        return [""] * 10
    code = _s(actor.get("code")).strip().upper()
    sector = _s(actor.get("sector")).strip().upper()
    is_igo = code.startswith("IGO")
    country = code if len(code) == 3 and code.isalpha() and code not in NON_STATE_CODES else ""
    known_group = code[-3:] if is_igo and len(code) > 3 else ""
    types = (["IGO"] if is_igo else []) + [sector[i:i + 3] for i in range(0, len(sector), 3)]
    types = (types + ["", "", ""])[:3]
    return [code + sector, _s(actor.get("name")), country, known_group, "", "", "", *types]


def _no_geo() -> list[str]:
    return ["0", "", "", "", "", "", "", ""]


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """An event row as the 61 GDELT 2.0 event columns (strings, in :data:`GDELT_COLUMNS`
    order)."""
    day = row.get("date")
    if isinstance(day, date):
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
                 _fraction_date(day)]
    else:
        dates = ["", "", "", ""]
    actors = _actors(row.get("actor"))
    recipients = _actors(row.get("recipient"))
    cameo = _s(row.get("cameo")).strip()
    clustered = row.get("cluster_id") is not None
    loc = row.get("location") or {}
    country = _s(loc.get("country"))
    place = _s(loc.get("place"))
    if country or place:
        action_geo = ["1", place or country, country, "", "", "", "", ""]
    else:
        action_geo = _no_geo()
    ingested = row.get("doc_ingested_at")
    values = [
        str(gdelt_event_id(_s(row.get("id")))), *dates,
        *_gdelt_actor(actors[0] if actors else None),
        *_gdelt_actor(recipients[0] if recipients else None),
        "1" if row.get("sentence_index") == 0 else "0",
        cameo, cameo[:3], cameo[:2],
        _num(row.get("quad")), _num(row.get("intensity")),
        _num(row.get("num_mentions")) if clustered else "1",
        _num(row.get("num_sources")) if clustered else "1",
        _num(row.get("num_documents")) if clustered else "1",
        "",  # AvgTone
        *_no_geo(), *_no_geo(), *action_geo,
        ingested.strftime("%Y%m%d%H%M%S") if isinstance(ingested, datetime) else "",
        _s(row.get("doc_url")) or _s(row.get("doc_id")),
    ]
    assert len(values) == len(GDELT_COLUMNS)
    return values


def _joined(actors: list[dict[str, Any]], key: str) -> str:
    return "; ".join(_s(a.get(key)) for a in actors)


def _polecat_actor(actors: list[dict[str, Any]]) -> dict[str, str]:
    sectors = [_s(a.get("sector")) for a in actors if a.get("sector")]
    return {
        "Name": _joined(actors, "name"),
        "Country": _joined(actors, "code"),
        "Primary Sector": sectors[0] if sectors else "",
        "Sectors": "; ".join(dict.fromkeys(sectors)),
        "Name Raw": _joined(actors, "text"),
    }


def polecat_row(row: dict[str, Any]) -> list[str]:
    """An event row as the POLECAT columns (strings, in :data:`POLECAT_COLUMNS` order)."""
    values = dict.fromkeys(POLECAT_COLUMNS, "")
    quad = row.get("quad")
    values.update({
        "Event ID": _s(row.get("id")),
        "Event Date": _iso(row.get("date")),
        "Event Type": _s(row.get("event")),
        "Event Mode": _s(row.get("mode")),
        "Event Intensity": _num(row.get("intensity")),
        "Quad Code": POLECAT_QUADS.get(quad, _s(quad)) if quad is not None else "",
        "Contexts": "|".join(row.get("context") or []),
        "Source": _s(row.get("doc_source")),
        "Publication Date": _iso(row.get("doc_date")),
        "Version": _s(row.get("coder")),
    })
    for role, key in (("Actor", "actor"), ("Recipient", "recipient")):
        part = _polecat_actor(_actors(row.get(key)))
        values[f"{role} Name"] = part["Name"]
        values[f"{role} Country"] = part["Country"]
        values[f"Primary {role} Sector"] = part["Primary Sector"]
        values[f"{role} Sectors"] = part["Sectors"]
        values[f"{role} Name Raw"] = part["Name Raw"]
    loc = row.get("location") or {}
    values["Placename"] = _s(loc.get("place"))
    values["Country"] = _s(loc.get("country"))
    return [values[c] for c in POLECAT_COLUMNS]


def _tsv(values: Sequence[str]) -> str:
    """One tab-separated line; tabs and line breaks inside a value become spaces, and a text
    a spreadsheet would run as a formula gets an apostrophe before it (``output/cells.py``)."""
    return "\t".join(
        spreadsheet_safe(v.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
                         .replace("\r", " "))
        for v in values)


def _semi(actors: list[dict[str, Any]], key: str) -> str:
    return ";".join(_s(a.get(key)) for a in actors)


def event_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    actors = _actors(row.get("actor"))
    recipients = _actors(row.get("recipient"))
    loc = row.get("location") or {}
    reported = row.get("reported_by") or {}
    return {
        "id": row.get("id"), "doc_key": row.get("doc_key"), "doc_id": row.get("doc_id"),
        "sentence_index": row.get("sentence_index"), "date": _iso(row.get("date")),
        "date_precision": row.get("date_precision"),
        "actor": _semi(actors, "code"), "actor_sector": _semi(actors, "sector"),
        "actor_name": _semi(actors, "name"),
        "event": row.get("event"), "mode": row.get("mode"),
        "context": ";".join(row.get("context") or []),
        "recipient": _semi(recipients, "code"),
        "recipient_sector": _semi(recipients, "sector"),
        "recipient_name": _semi(recipients, "name"),
        "cameo": row.get("cameo"), "quad": row.get("quad"), "intensity": row.get("intensity"),
        "asserted": row.get("asserted"), "modality": ";".join(row.get("modality") or []),
        "reported_by": _s(reported.get("code")),
        "location_country": _s(loc.get("country")), "location_place": _s(loc.get("place")),
        "confidence": row.get("confidence"), "coder": row.get("coder"),
        "sentence": row.get("sentence"),
    }


def commitment_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": row.get("id"), "doc_key": row.get("doc_key"), "doc_id": row.get("doc_id"),
        "sentence_index": row.get("sentence_index"), "kind": row.get("kind"),
        "holder": _semi(_actors(row.get("holder")), "code"),
        "date": _iso(row.get("date")), "sentence": row.get("sentence"),
    }
    for part in ("trigger", "response"):
        sketch = row.get(part) or {}
        out[f"{part}_actor"] = _semi(_actors(sketch.get("actor")), "code")
        out[f"{part}_event"] = _s(sketch.get("event"))
        out[f"{part}_mode"] = _s(sketch.get("mode"))
        out[f"{part}_recipient"] = _semi(_actors(sketch.get("recipient")), "code")
    return out


def document_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    out = {c: row.get(c) for c in DOCUMENT_CSV_COLUMNS}
    out["date"] = _iso(row.get("date"))
    out["ingested_at"] = _iso(row.get("ingested_at"))
    return out


# -- atomic writing --------------------------------------------------------------------------


def _is_directory(out: str | os.PathLike[str]) -> bool:
    text = os.fspath(out)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


def _directory(out: str | os.PathLike[str]) -> Path:
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder}: exists and is not a directory")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class _Stage:
    """Temporary files beside their targets; :meth:`commit` moves them all into place."""

    def __init__(self, guard: Guard | None = None) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._guard = guard

    def path(self, target: Path) -> Path:
        if self._guard is not None:
            self._guard(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
        self._pending.append((tmp, target))
        return tmp

    @contextmanager
    def open_text(self, target: Path) -> Iterator[IO[str]]:
        tmp = self.path(target)
        with open(tmp, "x", encoding="utf-8", newline="") as handle:
            yield handle

    def commit(self) -> None:
        for tmp, target in self._pending:
            os.replace(tmp, target)
        self._pending.clear()

    def discard(self) -> None:
        for tmp, _ in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending.clear()


@contextmanager
def _staging(guard: Guard | None = None) -> Iterator[_Stage]:
    stage = _Stage(guard)
    try:
        yield stage
    except BaseException:
        stage.discard()
        raise
    try:
        stage.commit()
    except BaseException:
        stage.discard()
        raise
