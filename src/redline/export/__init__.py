"""Exports: the coded events in the formats of GDELT, POLECAT and PLOVER users, and CSV.

One module per format (``plover.py``, ``gdelt.py``, ``polecat.py``, ``tables.py`` for CSV),
named in ``registry.py``; ``store.py`` reads the store for ``redline export`` (filters,
Parquet), ``rows.py`` gives ``redline code`` the same rows from freshly coded documents, and
``files.py`` writes every file atomically.
"""

from redline.export.registry import EVENT_FORMATS, FORMATS, event_format
from redline.export.store import NO_FILTER, PARQUET_TABLES, ExportFilter, export

__all__ = ["EVENT_FORMATS", "FORMATS", "NO_FILTER", "PARQUET_TABLES", "ExportFilter",
           "event_format", "export"]
