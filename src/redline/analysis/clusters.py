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
from datetime import date

import duckdb
import pyarrow as pa

from redline.store.schema import transaction

# {days}: a condition on a date column ``date``, true for the days being rebuilt
REBUILD = """
DELETE FROM event_clusters WHERE {days};
INSERT INTO event_clusters
WITH keyed AS (
    SELECT e.id, e.doc_key, e.date, e.event, e.mode, e.asserted,
           list_sort(list_distinct([a.code FOR a IN e.actor])) AS actor_codes,
           list_sort(list_distinct([r.code FOR r IN e.recipient])) AS recipient_codes,
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
articles AS (
    SELECT g.cluster_id, d.doc_key, d.source, d.date, d.ingested_at
    FROM grouped g, unnest(g.doc_keys) AS k(key)
    JOIN documents d ON d.doc_key = k.key OR d.duplicate_of = k.key
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


ALL_DAYS = "true"
SOME_DAYS = ("(date IN (SELECT day FROM touched_days WHERE day IS NOT NULL) OR "
             "(date IS NULL AND EXISTS (SELECT 1 FROM touched_days WHERE day IS NULL)))")


def rebuild_clusters(con: duckdb.DuckDBPyConnection,
                     days: Collection[date | None] | None = None) -> int:
    """Recompute ``event_clusters`` for ``days`` (None for undated events; all days when
    ``days`` is None); returns the number of clusters in the store."""
    with transaction(con):
        if days is None:
            con.execute(REBUILD.format(days=ALL_DAYS))
        elif days:
            con.register("touched_days", pa.table({"day": pa.array(list(days), pa.date32())}))
            con.execute(REBUILD.format(days=SOME_DAYS))
            con.unregister("touched_days")
    return int(con.execute("SELECT count(*) FROM event_clusters").fetchone()[0])  # type: ignore[index]
