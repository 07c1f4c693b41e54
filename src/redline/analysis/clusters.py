"""Duplicate events across articles: one ``event_clusters`` row per real-world event.

Many articles report one event; GDELT counts them instead of multiplying events. Events
with the same day, the same actor and recipient codes, type, mode, place country and
assertion status form a cluster, with the numbers GDELT users expect: mentions (events in
the cluster), documents (the articles they come from, plus the near-duplicate copies of
those articles that were stored but not coded) and sources (distinct outlets among them).
The clusters of the days an ingest touched are rebuilt from the events in one transaction,
so the table is always consistent with them, and a daily ingest into a store of many years
costs what its own days cost (``rebuild_clusters`` without days rebuilds everything).
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import suppress
from datetime import date

import duckdb
import pyarrow as pa

from redline.store.schema import WRITER_MEMORY_MB, set_memory_limit, transaction

# Days are rebuilt a slice at a time, each slice of whole days with at most this many events
# (a bigger day alone): DuckDB's working memory for a rebuild grows with the events it
# groups, and a first ingest of a large corpus touches every day. A day too big for the
# writer's memory cap is rebuilt with the cap raised, doubling up to MAX_REBUILD_MB.
SLICE_EVENTS = 2000
MAX_REBUILD_MB = 16 * 1024

# the days to rebuild are those in the table ``rebuild_days`` (NULL for undated events)
DAYS = ("(date IN (SELECT day FROM rebuild_days WHERE day IS NOT NULL) OR "
        "(date IS NULL AND EXISTS (SELECT 1 FROM rebuild_days WHERE day IS NULL)))")
DELETE = f"DELETE FROM event_clusters WHERE {DAYS}"
REBUILD = """
INSERT INTO event_clusters
WITH keyed AS (
    SELECT e.id, e.doc_key, e.date, e.event, e.mode, e.asserted,
           list_sort(list_distinct([a.code FOR a IN e.actor IF a.code <> ''])) AS actor_codes,
           list_sort(list_distinct([r.code FOR r IN e.recipient IF r.code <> '']))
               AS recipient_codes,
           coalesce(e.location.country, '') AS place
    FROM events e
    WHERE {days}
),
grouped AS (
    SELECT md5(concat_ws('|', coalesce(CAST(date AS VARCHAR), ''),
                         array_to_string(actor_codes, ','), array_to_string(recipient_codes, ','),
                         event, mode, place, CAST(asserted AS VARCHAR))) AS cluster_id,
           date, actor_codes, recipient_codes, event, mode, place, asserted,
           count(*) AS num_mentions,
           list(DISTINCT doc_key) AS doc_keys,
           list(id ORDER BY id) AS event_ids
    FROM keyed
    GROUP BY date, actor_codes, recipient_codes, event, mode, place, asserted
),
members AS (
    SELECT g.cluster_id, k.key FROM grouped g, unnest(g.doc_keys) AS k(key)
),
articles AS (  -- the documents of a cluster's events and their stored near copies
    SELECT m.cluster_id, d.doc_key, d.source, d.date, d.ingested_at
    FROM members m JOIN documents d ON d.doc_key = m.key
    UNION ALL
    SELECT m.cluster_id, d.doc_key, d.source, d.date, d.ingested_at
    FROM members m JOIN documents d ON d.duplicate_of = m.key
)
SELECT g.cluster_id, g.date, g.actor_codes, g.recipient_codes, g.event, g.mode,
       nullif(g.place, ''), g.asserted, g.num_mentions,
       count(DISTINCT a.doc_key),
       count(DISTINCT coalesce(nullif(a.source, ''), 'unknown')),
       min(coalesce(CAST(a.date AS TIMESTAMP), a.ingested_at)),
       max(coalesce(CAST(a.date AS TIMESTAMP), a.ingested_at)),
       g.event_ids
FROM grouped g JOIN articles a USING (cluster_id)
GROUP BY ALL;
"""


def rebuild_clusters(con: duckdb.DuckDBPyConnection,
                     days: Collection[date | None] | None = None) -> int:
    """Recompute ``event_clusters`` for ``days`` (None for undated events; all days when
    ``days`` is None), in one transaction; returns the number of clusters in the store."""
    megabytes = WRITER_MEMORY_MB
    try:
        while True:
            try:
                _rebuild(con, days)
                break
            except duckdb.OutOfMemoryException:
                if megabytes >= MAX_REBUILD_MB:
                    raise
                megabytes *= 2
                set_memory_limit(con, megabytes)
    finally:
        if megabytes != WRITER_MEMORY_MB:
            with suppress(duckdb.OutOfMemoryException):  # it may still hold more than that
                set_memory_limit(con, WRITER_MEMORY_MB)
    return int(con.execute("SELECT count(*) FROM event_clusters").fetchone()[0])  # type: ignore[index]


def _rebuild(con: duckdb.DuckDBPyConnection, days: Collection[date | None] | None) -> None:
    with transaction(con):
        if days is None:  # every day that has events or clusters
            days = [day for (day,) in con.execute(
                "SELECT date FROM events UNION SELECT date FROM event_clusters").fetchall()]
        _register_days(con, days)
        con.execute(DELETE)
        per_day = con.execute(f"SELECT date, count(*) FROM events WHERE {DAYS} GROUP BY date"
                              ).fetchall()
        for piece in _slices(per_day, SLICE_EVENTS):
            _register_days(con, piece)
            con.execute(REBUILD.format(days=DAYS))
        con.unregister("rebuild_days")


def _register_days(con: duckdb.DuckDBPyConnection, days: Collection[date | None]) -> None:
    con.register("rebuild_days", pa.table({"day": pa.array(list(days), pa.date32())}))


def _slices(per_day: list[tuple[date | None, int]], limit: int) -> list[list[date | None]]:
    """Consecutive groups of days with at most ``limit`` events each (a bigger day alone)."""
    slices: list[list[date | None]] = []
    events = 0
    for day, count in sorted(per_day, key=lambda item: (item[0] is not None, item[0])):
        if not slices or events + count > limit:
            slices.append([])
            events = 0
        slices[-1].append(day)
        events += count
    return slices
