"""What the analyses compare actors by: the country of an actor code (its first three letters,
``RUSGOV`` -> ``RUS``), or an IGO's whole code (``IGOUNO``), in Python and in DuckDB SQL."""

from __future__ import annotations


def country(code: str | None) -> str:
    """The country an actor code belongs to: its first three letters, or an IGO's whole code."""
    code = (code or "").strip().upper()
    return code if code.startswith("IGO") else code[:3]


def country_sql(expression: str) -> str:
    """:func:`country` of a stored code, as a DuckDB SQL expression on ``expression``."""
    return (f"CASE WHEN starts_with({expression}, 'IGO') THEN {expression} "
            f"ELSE {expression}[1:3] END")
