"""Cheap content checks for input documents: binary sniffing, UTF-8 decoding, size, language.

Everything here is a pure function of its argument, so the readers can apply them to a
file, a JSONL line or standard input alike.  The functions return a short, one-line,
lower-case problem description (or ``None`` when the input is fine) rather than raising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import BinaryIO

#: How many leading bytes the binary sniffer looks at.
SNIFF_BYTES = 8192
#: A sample with more than this share of control bytes is treated as binary.
MAX_CONTROL_SHARE = 0.10
#: How many leading characters the language heuristic looks at.
LANGUAGE_SAMPLE_CHARS = 2000

UTF8_BOM = b"\xef\xbb\xbf"
#: Byte-order marks of the wider Unicode encodings, the UTF-32 ones first (the little-endian
#: UTF-32 mark starts with the little-endian UTF-16 one): ``(mark, codec, name)``.
WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
#: How many bytes of a UTF-16/UTF-32 file its UTF-8 text may be smaller by (ASCII in UTF-32).
WIDEST_ENCODING = 4
#: The whitespace bytes of a blank line (what ``bytes.strip()`` strips).
BLANK_BYTES = b" \t\n\r\x0b\x0c"

# Control bytes that plain text legitimately contains: tab, LF, VT, FF, CR.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r")
_CONTROL_BYTES = frozenset(range(0x20)) - _TEXT_CONTROLS | {0x7F}


def binary_problem(sample: bytes) -> str | None:
    """Say why ``sample`` (the first bytes of an input) looks binary, or ``None`` if it looks
    like text: it contains a NUL byte, or more than 10% of its first 8 KB are control bytes
    other than tab, newline, vertical tab, form feed and carriage return."""
    head = sample[:SNIFF_BYTES]
    if not head:
        return None
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    share = controls / len(head)
    if share > MAX_CONTROL_SHARE:
        return f"binary file ({share:.0%} control characters in the first 8 KB)"
    return None


def wide_encoding(head: bytes) -> tuple[str, str] | None:
    """``(codec, name)`` (``("utf-16", "UTF-16")``) when ``head``, the first bytes of an
    input, starts with a UTF-16 or UTF-32 byte-order mark, else ``None``."""
    for mark, codec, name in WIDE_BOMS:
        if head.startswith(mark):
            return codec, name
    return None


def decode_utf8(data: bytes, *, base_offset: int = 0) -> tuple[str | None, str | None]:
    """Decode ``data`` as UTF-8, dropping a leading BOM.

    Returns ``(text, None)`` or ``(None, problem)``; the problem names the first bad byte and
    its offset in ``data`` plus ``base_offset`` (so a caller can report a position in a file).
    """
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    skipped = len(data) - len(body)
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as err:
        offset = base_offset + skipped + err.start
        return None, f"not valid UTF-8 (byte 0x{body[err.start]:02x} at offset {offset})"


def format_size(n: int) -> str:
    """``n`` bytes for a message: ``812 bytes``, ``24.3 KB``, ``2.0 MB``."""
    if n >= 100_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} KB"
    return f"{n} bytes"


def too_large(size: int, limit: int, what: str = "document") -> str:
    """``document too large: 2.4 KB, over the 1.0 KB limit`` (``what`` names the thing)."""
    shown, shown_limit = format_size(size), format_size(limit)
    if shown == shown_limit:  # e.g. 2,000,001 bytes vs a 2,000,000-byte limit
        shown, shown_limit = f"{size:,} bytes", f"{limit:,}-byte"
    return f"{what} too large: {shown}, over the {shown_limit} limit"


# --- language -------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Frequent English function words that are *not* also frequent words of German, French,
# Spanish, Italian or Portuguese ("a", "an", "in", "on", "or", "do", "no", "i", "was", "will",
# "also", "so", "die" are left out for that reason).
ENGLISH_FUNCTION_WORDS = _words(
    """
    the of and to is are be been being that this these those for with as at by from it its
    he his him she her they their them we our you your has have had not but which who whom
    whose what when where would could should said says if than then there after before about
    into over under between against during while were does did can may might must
    because such some any all other more most only up out off very just
    """
)

# Frequent function words of other Latin-script languages that rarely occur in English text
# (names such as "de Gaulle", "Le Pen" or "Los Angeles" do occur, hence a ratio, not a ban).
FOREIGN_FUNCTION_WORDS = _words(
    """
    der die das und ist nicht mit von den dem des ein eine einen sich auf für wird wurde
    le la les et est une du dans que qui sur pas au aux ce cette sont été avec
    el los las y del por con una para es lo se su como más pero fue
    il di che è della sono gli
    não uma na da em foi
    het een zijn niet voor dat
    """
)

# A Latin-script text whose foreign function words make up at least this share of its words
# (and outnumber the English ones) is another European language.
MIN_FOREIGN_SHARE = 0.05
# A text with at least this many lower-case words needs at least this share of them to be
# common English words (catches Latin-script languages the foreign list does not cover).
# Result tables and name lists (mostly capitalised) have few lower-case words and pass.
MIN_LOWERCASE_WORDS = 20
MIN_ENGLISH_LOWERCASE_SHARE = 0.05
# At least this share of letters must be Latin-script.
MIN_LATIN_SHARE = 0.80

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class LanguageScore:
    """The statistics :func:`looks_english` decides on."""

    letters: int
    latin_share: float
    words: int
    english_share: float
    foreign_share: float
    lowercase_words: int
    english_lowercase_share: float

    def problem(self) -> str | None:
        """Why the text does not look English, or ``None`` if it does."""
        if not self.letters:
            return "no letters"
        if self.latin_share < MIN_LATIN_SHARE:
            return f"{self.latin_share:.0%} of its letters are Latin"
        if self.foreign_share >= MIN_FOREIGN_SHARE and self.foreign_share > self.english_share:
            return (
                f"{self.foreign_share:.0%} of its words are common German/French/Spanish/"
                f"Italian/Portuguese words, {self.english_share:.0%} common English ones"
            )
        if (
            self.lowercase_words >= MIN_LOWERCASE_WORDS
            and self.english_lowercase_share < MIN_ENGLISH_LOWERCASE_SHARE
        ):
            return (
                f"{self.english_lowercase_share:.0%} of its {self.lowercase_words} "
                "lower-case words are common English words"
            )
        return None


def _is_latin_letter(ch: str) -> bool:
    # Basic Latin, Latin-1 Supplement, Latin Extended-A/B, IPA, Latin Extended Additional.
    code = ord(ch)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def language_score(text: str) -> LanguageScore:
    """Script and word statistics of the first ~2000 characters of ``text``."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    latin = sum(1 for ch in letters if _is_latin_letter(ch))
    words = [w.replace("’", "'") for w in _WORD.findall(sample)]
    lowered = [w.lower() for w in words]
    english = sum(1 for w in lowered if w in ENGLISH_FUNCTION_WORDS)
    foreign = sum(1 for w in lowered if w in FOREIGN_FUNCTION_WORDS)
    lowercase = [w for w in words if w[0].islower()]
    english_lowercase = sum(1 for w in lowercase if w in ENGLISH_FUNCTION_WORDS)
    return LanguageScore(
        letters=len(letters),
        latin_share=latin / len(letters) if letters else 0.0,
        words=len(words),
        english_share=english / len(words) if words else 0.0,
        foreign_share=foreign / len(words) if words else 0.0,
        lowercase_words=len(lowercase),
        english_lowercase_share=english_lowercase / len(lowercase) if lowercase else 0.0,
    )


def looks_english(text: str) -> bool:
    """A cheap guess whether ``text`` (its first ~2000 characters) is English.

    It is not English when fewer than 80% of its letters are Latin; when common German,
    French, Spanish, Italian or Portuguese function words make up 5% or more of its words
    and outnumber common English ones; or when it has 20 or more lower-case words of which
    under 5% are common English function words.  Short texts, headlines and result tables
    (few lower-case words) pass on the script test alone.
    """
    return language_score(text).problem() is None


def language_problem(text: str) -> str | None:
    """``None`` if ``text`` looks English, else a one-line reason with the statistics."""
    reason = language_score(text).problem()
    return None if reason is None else f"does not look like English text ({reason})"


_SKIP_CHUNK = 1 << 20


def skip_rest_of_line(stream: BinaryIO) -> tuple[int, int]:
    """Read past the rest of an overlong line without keeping it: ``(bytes read, 1 if it
    ended with a newline else 0)``."""
    size = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        size += len(chunk)
        if not chunk:
            return size, 0
        if chunk.endswith(b"\n"):
            return size, 1


def skip_blank_lines(stream: BinaryIO, line_cap: int) -> tuple[int, int]:
    """Read past the blank lines at the position of ``stream`` (a line start) in bulk:
    ``(lines, bytes)`` skipped.

    A blank line is ASCII whitespace ending in a newline.  The result is the same as reading
    them one at a time with ``readline(line_cap)``: a partial line is left (its leading
    whitespace belongs to it), and so is a line that ``readline`` would cut (``line_cap``
    bytes or more before its newline).  A stream without ``peek`` is left as it is.
    """
    peek = getattr(stream, "peek", None)
    if peek is None:
        return 0, 0
    lines = size = 0
    while True:
        chunk = peek(_SKIP_CHUNK)
        blank = len(chunk) - len(chunk.lstrip(BLANK_BYTES))
        end = chunk.rfind(b"\n", 0, blank) + 1
        if end > line_cap:  # only with a tiny line cap: stop before a line readline would cut
            start = 0
            while start < end:
                newline = chunk.find(b"\n", start, end)
                if newline - start >= line_cap:
                    break
                start = newline + 1
            end = start
        if end == 0:
            return lines, size
        lines += chunk.count(b"\n", 0, end)
        size += end
        stream.read(end)
