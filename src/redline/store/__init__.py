"""The store: DuckDB tables, writing, the near-duplicate document index, clusters, exports
and read-only queries."""
