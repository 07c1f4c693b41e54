"""redline: news text about international politics -> auditable PLOVER event data.

``redline.read_events``, ``redline.read_commitments`` and ``redline.code_texts`` give pandas
DataFrames (``redline/dataframes.py``); they are imported when first used, so that importing
``redline`` stays cheap (no pandas, spaCy or torch).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.3.0"
CODER_VERSION = f"redline {__version__}"

_FRAMES = ("code_texts", "read_commitments", "read_events")
__all__ = ["CODER_VERSION", "__version__", *_FRAMES]


def __getattr__(name: str) -> Any:
    if name in _FRAMES:
        from redline import dataframes

        return getattr(dataframes, name)
    raise AttributeError(f"module 'redline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_FRAMES})
