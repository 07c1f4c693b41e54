"""One JSON object per line (JSONL) that every line reader splits where we do."""

from __future__ import annotations

import json
from typing import Any

# JSON allows U+2028/U+2029 raw inside strings, but Python's str.splitlines() and JavaScript
# readers break lines there; escaped, the decoded text is the same.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(obj: Any) -> str:
    """``obj`` as JSON on one line (no newline at the end), UTF-8 text kept."""
    return escape_line_breaks(json.dumps(obj, ensure_ascii=False))


def escape_line_breaks(json_text: str) -> str:
    """JSON text with U+2028 and U+2029 escaped (they can only stand inside strings)."""
    return json_text.translate(_LINE_BREAKS)
