"""Duplicate events across articles: one ``event_clusters`` row per real-world event.

Many articles report one event; GDELT counts them instead of multiplying events. Events
with the same day, the same actor and recipient codes, type, mode, place country and
assertion status form a cluster, with the numbers GDELT users expect: mentions (events in
the cluster), documents (the articles they come from, plus the near-duplicate copies of
those articles that were stored but not coded) and sources (distinct outlets among them).
The table is rebuilt from the events in one statement, so it is always consistent with them.
"""

from __future__ import annotations

import duckdb

from redline.store.schema import transaction

REBUILD = """
DELETE FROM event_clusters;
INSERT INTO event_clusters
WITH keyed AS (
    SELECT e.id, e.doc_key, e.date, e.event, e.mode, e.asserted,
           list_sort(list_distinct([a.code FOR a IN e.actor])) AS actor_codes,
           list_sort(list_distinct([r.code FOR r IN e.recipient])) AS recipient_codes,
           coalesce(e.location.country, '') AS place
    FROM events e
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


def rebuild_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute ``event_clusters``; returns the number of clusters."""
    with transaction(con):
        con.execute(REBUILD)
    return int(con.execute("SELECT count(*) FROM event_clusters").fetchone()[0])  # type: ignore[index]
