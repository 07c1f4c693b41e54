"""Document text on a terminal: shown as text, never as markup or control sequences.

Text from documents (sentences, titles, ids, file names) can hold anything: Rich markup
(``[/]`` crashes a table, ``[link=...]`` or ``[bold]`` changes what a reader sees) and raw
terminal sequences (ESC/CSI/OSC: colours, cursor moves, window titles, hyperlinks). Every
value from a document that reaches a terminal goes through :func:`printable` and is handed
to Rich as a :class:`rich.text.Text` (:func:`as_text`), which Rich never parses as markup.
One-line messages (errors naming a file) go through :func:`one_line`, so a file name with a
newline in it cannot break the line.
"""

from __future__ import annotations

import re

from rich.text import Text

# Whole terminal sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings (up to BEL or
# ST), two-byte ESC sequences, and the 8-bit CSI. Removed whole, so no parameter bytes are
# left behind.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
# Control characters left after that, tab and newline excepted.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAKS = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def printable(text: str) -> str:
    """``text`` without terminal sequences and control characters (tab and newline kept)."""
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def one_line(text: str) -> str:
    """``text`` as one printable line: line breaks and tabs written as ``\\n``, ``\\r``,
    ``\\t`` (and the Unicode line and paragraph separators as ``\\u2028``, ``\\u2029``)."""
    cleaned = _CONTROL.sub("", _SEQUENCE.sub("", text.replace("\r", "\\r")))
    return "".join(_BREAKS.get(ch, ch) for ch in cleaned)


def as_text(value: object, style: str = "") -> Text:
    """A Rich ``Text`` of ``value``: printed as it reads, never parsed as markup."""
    return Text(printable("" if value is None else str(value)), style=style)
