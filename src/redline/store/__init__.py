"""The store: DuckDB tables, writing, clusters, exports and read-only queries."""
