"""Cells of CSV and TSV files meant to be opened in spreadsheets.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some, a
tab or carriage return) as a formula: a document whose text or id begins so could make
Excel or LibreOffice fetch a URL or run a command when an analyst opens the export
("CSV injection"). The usual practice, followed here, is to prefix such a text cell with an
apostrophe, which spreadsheets show as text and hide. Numbers (``-3.5``) are left as they
are, so numeric columns stay numeric. JSONL and Parquet exports keep text unchanged.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with an apostrophe before a text cell a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def spreadsheet_safe_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: spreadsheet_safe(value) for key, value in row.items()}
