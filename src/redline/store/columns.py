"""The store's tables as columns, derived from the records' fields (``records.py``): the
events and commitments tables hold a record's fields with the ``doc_key`` of the document
it came from after its ``id``. Each field kind has its Arrow type (fast inserts, Parquet part
files) and its DuckDB type (the DDL of ``store/schema.py``)."""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from redline.records import (
    ACTOR_FIELDS,
    COMMITMENT_FIELDS,
    DOCUMENT_FIELDS,
    EVENT_FIELDS,
    LOCATION_FIELDS,
    SKETCH_FIELDS,
    SPAN_ROLES,
    Field,
    FieldKind,
)


def _stored(fields: Sequence[Field]) -> tuple[Field, ...]:
    """A record's fields as its table's columns: ``doc_key`` after the ``id``."""
    return (fields[0], Field("doc_key", "text"), *fields[1:])


EVENT_COLUMNS = _stored(EVENT_FIELDS)
COMMITMENT_COLUMNS = _stored(COMMITMENT_FIELDS)
TABLE_COLUMNS: dict[str, tuple[Field, ...]] = {
    "documents": DOCUMENT_FIELDS, "events": EVENT_COLUMNS, "commitments": COMMITMENT_COLUMNS}


SCALAR_ARROW: dict[FieldKind, pa.DataType] = {
    "text": pa.string(), "integer": pa.int64(), "real": pa.float64()}
SCALAR_SQL: dict[FieldKind, str] = {"text": "VARCHAR", "integer": "BIGINT", "real": "DOUBLE"}
ACTOR_TYPE = pa.struct([(f.name, pa.string()) for f in ACTOR_FIELDS])
SPANS_TYPE = pa.list_(pa.list_(pa.int32()))
ARROW_TYPES: dict[FieldKind, pa.DataType] = {
    "text": pa.string(), "integer": pa.int32(), "real": pa.float64(), "boolean": pa.bool_(),
    "day": pa.date32(), "timestamp": pa.timestamp("us"), "texts": pa.list_(pa.string()),
    "hashes": pa.list_(pa.uint64()), "actor": ACTOR_TYPE, "actors": pa.list_(ACTOR_TYPE),
    "location": pa.struct([(f.name, SCALAR_ARROW[f.kind]) for f in LOCATION_FIELDS]),
    "spans": pa.struct([(role, SPANS_TYPE) for role in SPAN_ROLES]),
}
ARROW_TYPES["sketch"] = pa.struct([(f.name, ARROW_TYPES[f.kind]) for f in SKETCH_FIELDS])



def _sql_struct(fields: Sequence[tuple[str, str]]) -> str:
    return "STRUCT(" + ", ".join(f'"{name}" {kind}' for name, kind in fields) + ")"


_SQL_ACTOR = _sql_struct([(f.name, "VARCHAR") for f in ACTOR_FIELDS])
SQL_TYPES: dict[FieldKind, str] = {
    "text": "VARCHAR", "integer": "INTEGER", "real": "DOUBLE", "boolean": "BOOLEAN",
    "day": "DATE", "timestamp": "TIMESTAMP", "texts": "VARCHAR[]", "hashes": "UBIGINT[]",
    "actor": _SQL_ACTOR, "actors": f"{_SQL_ACTOR}[]",
    "location": _sql_struct([(f.name, SCALAR_SQL[f.kind]) for f in LOCATION_FIELDS]),
    "spans": _sql_struct([(role, "INTEGER[][]") for role in SPAN_ROLES]),
}
SQL_TYPES["sketch"] = _sql_struct([(f.name, SQL_TYPES[f.kind]) for f in SKETCH_FIELDS])


def arrow_schema(fields: Sequence[Field]) -> pa.Schema:
    return pa.schema([(f.name, ARROW_TYPES[f.kind]) for f in fields])


def create_table(name: str, fields: Sequence[Field]) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for a table of these columns (names quoted: ``trigger``
    is an SQL keyword)."""
    columns = ",\n    ".join(f'"{f.name}" {SQL_TYPES[f.kind]}' + (" PRIMARY KEY" if f.key else "")
                             for f in fields)
    return f"CREATE TABLE IF NOT EXISTS {name} (\n    {columns}\n);"


DOCUMENT_SCHEMA = arrow_schema(DOCUMENT_FIELDS)
EVENT_SCHEMA = arrow_schema(EVENT_COLUMNS)
COMMITMENT_SCHEMA = arrow_schema(COMMITMENT_COLUMNS)
BAND_SCHEMA = pa.schema([("band", pa.uint64()), ("doc_key", pa.string())])
