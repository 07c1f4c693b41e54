"""pandas DataFrames of events and commitments: :func:`read_events` and
:func:`read_commitments` from a store, :func:`code_texts` from plain texts.

Both kinds of frame have the same columns, derived from the records' fields
(``records.py``) as the store holds them (``store/columns.py``): the rows are those the
export formats write (``export/store.py`` from the store, ``export/rows.py`` from freshly
coded documents), so a new field shows up here by itself. A field keeps its value as the
records give it (an actor list is a list of dicts, a place a dict, spans a dict of
lists), and flat columns are added after the stored ones:

- an actor list (``actor``, ``recipient``, ``holder``) gives ``<field>_code``,
  ``<field>_sector`` and ``<field>_name``, each joined with ``;`` position by position, as
  the CSV export writes them ("RUS;KOR"): every actor of the event is kept and
  ``.str.split(";")`` gives them back. A field with no actor is missing (``<NA>``); an actor
  with no code (a company, "protesters") gives an empty part;
- a single actor (``reported_by``) gives ``<field>_code``, a place ``location_country`` and
  ``location_place``, a trigger or response ``trigger_actor_code``, ``trigger_event``,
  ``trigger_mode``, ``trigger_recipient_code`` (and so for ``response``).

Dates are pandas datetimes (``datetime64``, midnight; NaT when unknown), texts pandas
strings, counts nullable integers. Columns only a store has (ingest time, clusters) are
missing (``<NA>``) in a frame of freshly coded texts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from redline.export.store import ExportFilter, read_commitment_rows, read_event_rows
from redline.export.values import actors, joined
from redline.records import LOCATION_FIELDS, SKETCH_FIELDS, Field, FieldKind
from redline.store.columns import COMMITMENT_COLUMNS, EVENT_COLUMNS
from redline.store.schema import close, connect

if TYPE_CHECKING:
    from redline.coder import Resources

__all__ = ["code_texts", "read_commitments", "read_events"]

Store = str | os.PathLike[str] | duckdb.DuckDBPyConnection
DateLike = date | str | None

# what the event rows add to the event's own columns: its document's (both frames) and
# what only the store knows (``export/store.py``)
DOCUMENT_COLUMNS = (Field("doc_url", "text"), Field("doc_title", "text"),
                    Field("doc_source", "text"), Field("doc_date", "day"))
STORE_COLUMNS = (Field("doc_ingested_at", "timestamp"), Field("cluster_id", "text"),
                 Field("num_mentions", "integer"), Field("num_sources", "integer"),
                 Field("num_documents", "integer"))
EVENT_FRAME_COLUMNS = (*EVENT_COLUMNS, *DOCUMENT_COLUMNS, *STORE_COLUMNS)
COMMITMENT_FRAME_COLUMNS = tuple(COMMITMENT_COLUMNS)

_DTYPES: dict[FieldKind, str] = {"text": "string", "integer": "Int64", "real": "float64",
                                 "boolean": "boolean"}


# -- the entry points ------------------------------------------------------------------------


def read_events(db: Store, *, asserted_only: bool = False, min_confidence: float | None = None,
                since: DateLike = None, until: DateLike = None, actor: str | None = None,
                event_type: str | None = None) -> pd.DataFrame:
    """The events of the store ``db`` (a path, or an open DuckDB connection to a store),
    one row each, in export order (date, document, sentence).

    The filters are those of ``redline export`` (``ExportFilter``): ``asserted_only`` keeps
    the events the text reports as having happened, ``min_confidence`` those at least this
    confident (0..1), ``since``/``until`` (dates or ISO strings, inclusive) those with a
    date in the range, ``actor`` those with this code among their actors or recipients,
    ``event_type`` those of this PLOVER type. ``ValueError`` for a bad filter;
    ``redline.store.schema.StoreError`` (one line) for a file that is not a store.
    """
    flt = ExportFilter(since=_day(since), until=_day(until), actor=actor,
                       event_type=event_type, asserted_only=asserted_only,
                       min_confidence=min_confidence)
    with _store(db) as con:
        return frame(read_event_rows(con, flt), EVENT_FRAME_COLUMNS)


def read_commitments(db: Store, *, since: DateLike = None, until: DateLike = None,
                     actor: str | None = None, event_type: str | None = None) -> pd.DataFrame:
    """The commitments (threats, promises, alliances, conditions) of the store ``db``, one
    row each; ``actor`` matches the holder or an actor or recipient of the trigger or the
    response, ``event_type`` the trigger's or the response's type."""
    flt = ExportFilter(since=_day(since), until=_day(until), actor=actor,
                       event_type=event_type)
    with _store(db) as con:
        return frame(read_commitment_rows(con, flt), COMMITMENT_FRAME_COLUMNS)


def code_texts(texts: Sequence[str], *, dates: DateLike | Sequence[DateLike] = None,
               ids: Sequence[str] | None = None, classifier: bool = True,
               resources: Resources | None = None) -> pd.DataFrame:
    """Code ``texts`` (each one document) and return their events, with the columns of
    :func:`read_events`.

    ``dates``: one publication date for all texts or one per text (dates or ISO strings;
    relative dates such as "on Tuesday" are resolved against it). ``ids``: the documents'
    ids (``doc_id``), by default their positions ("0", "1", ...). ``classifier``: link
    actors into events with the relation model (as ``redline code`` does), or code with
    the lexicons alone (``--fast``). Without ``resources`` the models are loaded for this
    call (seconds): to code several batches, load ``Resources.load()`` once and pass it;
    ``classifier=False`` then codes without its relation model, and ``classifier=True``
    needs resources loaded with one.
    """
    documents = _documents(texts, dates, ids)
    from redline.coder import Coder, Resources
    from redline.export.rows import event_rows

    if resources is None:
        resources = Resources.load(classifier=classifier)
    elif not classifier:
        resources = replace(resources, relations=None)
    elif resources.relations is None:
        raise ValueError("these resources were loaded without the relation classifier: "
                         "pass classifier=False, or resources from Resources.load()")
    coder = Coder(resources)
    rows = (row for coded in coder.code_documents(documents) for row in event_rows(coded))
    return frame(rows, EVENT_FRAME_COLUMNS)


# -- rows to frames ------------------------------------------------------------------------------


def frame(rows: Iterable[dict[str, Any]], columns: Sequence[Field]) -> pd.DataFrame:
    """Rows (dicts of the stored columns) as a DataFrame: ``columns`` in order, with their
    dtypes, then any other column the rows hold, then the flat columns."""
    records = list(rows)
    names = [f.name for f in columns]
    extra = [k for k in (records[0] if records else {}) if k not in names]
    data = pd.DataFrame.from_records(records, columns=[*names, *extra]) if records \
        else pd.DataFrame(columns=names)
    for field in columns:
        data[field.name] = _typed(data[field.name], field.kind)
    flat = {name: values for field in columns
            for name, values in _flat(data[field.name], field).items()}
    return pd.concat([data, pd.DataFrame(flat, index=data.index)], axis=1) if flat else data


def _typed(values: pd.Series, kind: FieldKind) -> pd.Series:
    if kind in ("day", "timestamp"):  # DuckDB's precision; seconds hold any year's day
        unit = "s" if kind == "day" else "us"
        return pd.to_datetime(values.astype(object), errors="coerce").astype(f"datetime64[{unit}]")
    dtype = _DTYPES.get(kind)
    if dtype is None:  # lists, actors, places, spans: kept as Python objects
        return values.astype(object).where(values.notna(), None)
    return values.astype(dtype)


def _flat(values: pd.Series, field: Field) -> dict[str, pd.Series]:
    """The flat columns of one field (none for most)."""
    name, kind = field.name, field.kind
    if kind == "actors":
        return {f"{name}_{key}": _strings(values, [_joined(v, key) for v in values])
                for key in ("code", "sector", "name")}
    if kind == "actor":
        return {f"{name}_code": _strings(values, [_part(v, "code") for v in values])}
    if kind == "location":  # each part with its own kind's dtype (a latitude is a number)
        return {f"{name}_{f.name}": _typed(pd.Series([_part(v, f.name) for v in values],
                                                     index=values.index, dtype=object), f.kind)
                for f in LOCATION_FIELDS}
    if kind == "sketch":
        return {f"{name}_{f.name}_code" if f.kind == "actors" else f"{name}_{f.name}":
                _strings(values, [_joined(_part(v, f.name), "code") if f.kind == "actors"
                                  else _part(v, f.name) for v in values])
                for f in SKETCH_FIELDS}
    return {}


def _part(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _joined(value: Any, key: str) -> str | None:
    listed = actors(value)
    return joined(listed, key) if listed else None


def _strings(like: pd.Series, values: list[Any]) -> pd.Series:
    return pd.Series(values, index=like.index, dtype="string")


# -- inputs --------------------------------------------------------------------------------------


@contextmanager
def _store(db: Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """An open store: the connection given, or the file opened read-only (and closed)."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        yield db
        return
    con = connect(Path(os.fspath(db)), read_only=True)
    try:
        yield con
    finally:
        close(con)


def _day(value: DateLike) -> date | None:
    """A date from a date, a datetime (its day) or an ISO string; ``ValueError`` else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a date in YYYY-MM-DD form") from None
    raise TypeError(f"a date must be a date or a YYYY-MM-DD string, not {type(value).__name__}")


def _documents(texts: Sequence[str], dates: DateLike | Sequence[DateLike],
               ids: Sequence[str] | None) -> Iterator[Any]:
    """The texts as documents, checked before any model loads."""
    from redline.records import Document

    if isinstance(texts, str):
        raise TypeError("texts must be a list of strings, not one string")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] is a {type(text).__name__}, not a string")
    if dates is None or isinstance(dates, date | str):
        days = [_day(dates)] * len(texts)
    else:
        days = [_day(d) for d in dates]
        if len(days) != len(texts):
            raise ValueError(f"{len(days)} dates for {len(texts)} texts")
    names = [str(i) for i in range(len(texts))] if ids is None else [str(i) for i in ids]
    if len(names) != len(texts):
        raise ValueError(f"{len(names)} ids for {len(texts)} texts")
    return iter([Document(name, text, day)
                 for name, text, day in zip(names, texts, days, strict=True)])
