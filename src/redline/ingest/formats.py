"""Parsers for the richer input formats: CSV files, HTML pages and RSS/Atom feeds.

The parsers only parse.  Each turns bytes (a binary stream, for CSV) into :class:`Record`
values (one document's fields) and :class:`Problem` values (why part of the input is not a
document), in input order, and never raises on bad input.  Opening and decompressing files,
binary sniffing, the document size limit, the language check and the default date are the
reader's (:mod:`redline.ingest.readers`), which turns records into
:class:`~redline.records.Document` objects and problems into ``InputError`` values.

Nothing here touches the network: HTML and feeds are parsed from bytes already read, and
no URL in them is ever fetched.

* CSV: a header row naming a ``text`` column (required) and optionally ``id``, ``title``,
  ``date`` (or ``published``), ``url`` and ``source`` (case and surrounding spaces ignored;
  other columns are ignored); one document per record, read record by record.  Records may
  span lines (quoted fields with line breaks); a record is located by the line it starts
  on.  A record whose number of fields differs from the header's is an error, not a guess:
  a stray comma or quote shifts the columns, so its ``text`` would be the wrong field.
* HTML: the main text of one page (trafilatura, precision-oriented: menus, footers,
  comments and tables are left out), with title, publication date, canonical URL and site
  name from the page's metadata.
* RSS/Atom: one document per entry (feedparser): the entry's content or summary as plain
  text.  A feed that is not well-formed XML is rejected whole (feedparser's lenient
  fallback parser is not trusted: a truncated feed would give a silently truncated entry).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.sax
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any, BinaryIO

import feedparser
import trafilatura

from redline.ingest.checks import (
    UTF8_BOM,
    decode_utf8,
    skip_blank_lines,
    skip_rest_of_line,
    too_large,
)

#: CSV columns that are read (``published`` is the fallback of ``date``).
CSV_COLUMNS = ("id", "text", "title", "date", "published", "url", "source")

_MAX_SHOWN_VALUE = 60
_MAX_SHOWN_COLUMNS = 12
_MAX_COLUMN_CHARS = 30
_DATE_EXPECTED = "expected YYYY-MM-DD or an ISO 8601 date-time"


@dataclass(frozen=True)
class Record:
    """One document's fields as a parser found them.

    ``where`` is appended to the file's path to make the document's origin: ``""`` (the
    whole file), ``":<line>"`` (a CSV record) or ``"#<n>"`` (the n-th feed entry).  ``date``
    is ``None`` when the input gives none (the reader applies its default date).
    """

    where: str
    id: str
    text: str
    date: date | None = None
    title: str = ""
    url: str = ""
    source: str = ""


@dataclass(frozen=True)
class Problem:
    """Why part of the input is not a document: ``where`` as in :class:`Record`; ``message``
    is one lower-case line."""

    where: str
    message: str


# --- values and dates -----------------------------------------------------------------------


def parse_date(value: object) -> date | None:
    """A ``date`` from ``2024-06-21``, ``2024-06-21T10:00:00Z``, ``2025-03-14 20:30:26Z``,
    ``2024-06-21 10:00:00+02:00`` (any ISO 8601 form Python accepts), or ``None``.

    A date-time keeps the calendar date as written (its zone is not converted to UTC), which
    is the publisher's own day.
    """
    if not isinstance(value, str):
        return None
    text = value.strip().upper()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def show_value(value: object) -> str:
    """A value as short one-line JSON, for messages."""
    try:
        shown = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError):
        shown = repr(value)
    if len(shown) > _MAX_SHOWN_VALUE:
        shown = shown[: _MAX_SHOWN_VALUE - 3] + "..."
    return shown


def unparseable_date(field: str, value: object, expected: str = _DATE_EXPECTED) -> str:
    """``unparseable "date" "last Tuesday": expected YYYY-MM-DD or ...``."""
    return f'unparseable "{field}" {show_value(value)}: {expected}'


def one_line(text: str) -> str:
    """``text`` with all whitespace runs (line breaks included) made single spaces."""
    return " ".join(text.split())


def reason_of(err: BaseException | str) -> str:
    """An exception (or its message) as a short one-line reason, lower-case first (unless
    it starts with an acronym), for messages."""
    text = one_line(str(err))
    if not text:
        text = "unknown error" if isinstance(err, str) else err.__class__.__name__
    if text[:1].isupper() and not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    if len(text) > 2 * _MAX_SHOWN_VALUE:
        text = text[: 2 * _MAX_SHOWN_VALUE - 3] + "..."
    return text


# --- HTML to text ---------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    """
    address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3
    h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul
    """.split()
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})
_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)\s*")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(_WHITESPACE.sub(" ", data))  # a line break in markup is a space


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment (a feed entry's content): tags dropped, entities
    decoded, script and style left out; one line per block element (paragraph, list item,
    heading, ``<br>``), whitespace within a line collapsed, blank lines dropped."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = (one_line(line) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def plain_text(text: str) -> str:
    """Plain text with one paragraph per line: paragraphs are separated by blank lines, and
    the line breaks inside a paragraph (wrapping) become spaces."""
    paragraphs = (one_line(part) for part in _PARAGRAPH_BREAK.split(text))
    return "\n".join(part for part in paragraphs if part)


def normalise_lines(text: str) -> str:
    """``text`` with whitespace runs inside each line collapsed and blank lines dropped."""
    lines = (one_line(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --- CSV ------------------------------------------------------------------------------------


class _Lines:
    """The lines of a binary stream, decoded, for :func:`csv.reader`.

    A line that is not valid UTF-8 is passed on decoded with replacement characters (so the
    CSV structure survives) and a line longer than ``cap`` bytes is skipped, unread, as a
    blank line; either way the problem is kept by line number for :meth:`take`.
    """

    def __init__(self, stream: BinaryIO, cap: int, limit: int) -> None:
        self.stream = stream
        self.cap = cap
        self.limit = limit
        self.lineno = 0
        self.offset = 0
        self.problems: dict[int, str] = {}

    def __iter__(self) -> Iterator[str]:
        while True:
            raw = self.stream.readline(self.cap)
            if not raw:
                return
            self.lineno += 1
            start = self.offset
            size = len(raw)
            if size == self.cap and not raw.endswith(b"\n"):
                rest, newline = skip_rest_of_line(self.stream)
                size += rest
                self.offset += size
                self.problems[self.lineno] = too_large(size - newline, self.limit)
                yield "\n"
                continue
            self.offset += size
            text, problem = decode_utf8(raw, base_offset=start)
            if text is None:
                self.problems[self.lineno] = problem or "not valid UTF-8"
                body = raw[len(UTF8_BOM) :] if raw.startswith(UTF8_BOM) else raw
                text = body.decode("utf-8", "replace")
            yield text

    def skip_blank(self) -> None:
        """Read past the blank lines that follow in bulk (call it between records only: a
        blank line inside a quoted field is text)."""
        lines, size = skip_blank_lines(self.stream, self.cap)
        self.lineno += lines
        self.offset += size

    def take(self, first: int, last: int) -> str | None:
        """The first problem on lines ``first..last`` (forgetting those up to ``last``)."""
        found = None
        for lineno in sorted(n for n in self.problems if n <= last):
            message = self.problems.pop(lineno)
            if found is None and lineno >= first:
                found = message
        return found


def _csv_error(err: csv.Error) -> str:
    message = str(err)
    if message.startswith("unexpected end of data"):
        return "malformed CSV (a quoted field is not closed before the end of the file)"
    if message.startswith("new-line character seen in unquoted field"):
        return "malformed CSV (a line break inside an unquoted field)"
    if message.startswith("field larger than field limit"):
        return (
            f"malformed CSV (a field is longer than {csv.field_size_limit():,} characters: "
            "a quote not closed?)"
        )
    return f"malformed CSV ({reason_of(err)})"


def _show_columns(names: list[str]) -> str:
    shown = []
    for name in names[:_MAX_SHOWN_COLUMNS]:
        name = one_line(name)
        if len(name) > _MAX_COLUMN_CHARS:
            name = name[: _MAX_COLUMN_CHARS - 3] + "..."
        shown.append(name or '""')
    if len(names) > _MAX_SHOWN_COLUMNS:
        shown.append(f"... {len(names) - _MAX_SHOWN_COLUMNS} more")
    return ", ".join(shown)


def _csv_header(row: list[str]) -> dict[str, int] | str:
    """Column name -> index for the columns that are read, or the problem with the header."""
    columns: dict[str, int] = {}
    for index, raw in enumerate(row):
        name = raw.strip().lower()
        if name not in CSV_COLUMNS:
            continue
        if name in columns:
            return f'duplicate "{name}" column (columns {columns[name] + 1} and {index + 1})'
        columns[name] = index
    if "text" not in columns:
        return f'no "text" column (columns: {_show_columns(row)})'
    return columns


def _csv_record(
    row: list[str], columns: dict[str, int], where: str, fallback_id: str
) -> Record | Problem:
    def cell(name: str) -> str:
        index = columns.get(name)
        return row[index] if index is not None else ""

    text = cell("text")
    if not text.strip():
        return Problem(where, '"text" is empty')
    field = "date" if cell("date").strip() else "published"
    raw_date = cell(field).strip()
    doc_date = None
    if raw_date:
        doc_date = parse_date(raw_date)
        if doc_date is None:
            return Problem(where, unparseable_date(field, raw_date))
    return Record(
        where=where,
        id=cell("id").strip() or fallback_id,
        text=text,
        date=doc_date,
        title=one_line(cell("title")),
        url=cell("url").strip(),
        source=one_line(cell("source")),
    )


def iter_csv(
    stream: BinaryIO, stem: str, *, limit: int, line_cap: int
) -> Iterator[Record | Problem]:
    """Records of a UTF-8 CSV file read from ``stream``, one at a time.

    Each record is located at the line it starts on (the header is line 1), and a record
    without an ``id`` gets ``<stem>:<line>``.  Blank lines are skipped (runs of them in bulk,
    when ``stream`` has ``peek``).  A line longer than
    ``line_cap`` bytes is skipped unread and its record reported too large (``limit`` is the
    document limit, for the message).  Errors reading ``stream`` (``OSError``, or
    ``EOFError``/``zlib.error`` from a gzip stream) propagate to the caller.

    Python's CSV field size limit is raised (process-wide) to ``line_cap`` if it is lower,
    so that any document within the limit fits in a field.
    """
    if csv.field_size_limit() < line_cap:
        csv.field_size_limit(line_cap)
    lines = _Lines(stream, line_cap, limit)
    reader = csv.reader(iter(lines), strict=True)
    columns: dict[str, int] | None = None
    width = 0
    rows = 0
    end = 0
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            end = lines.lineno
            yield Problem(f":{start}", lines.take(start, end) or _csv_error(err))
            if columns is None:
                return  # no usable header: one error for the file
            rows += 1
            continue
        end = lines.lineno
        problem = lines.take(start, end)
        if problem is None and not any(field.strip() for field in row):
            lines.skip_blank()  # a blank line, and those after it, in bulk
            end = lines.lineno
            continue
        where = f":{start}"
        if columns is None:
            header = problem or _csv_header(row)
            if isinstance(header, str):
                yield Problem(where if problem else "", header)
                return
            columns, width = header, len(row)
            continue
        rows += 1
        if problem is not None:
            yield Problem(where, problem)
        elif len(row) != width:
            yield Problem(where, f"row has {len(row)} fields, the header has {width}")
        else:
            yield _csv_record(row, columns, where, f"{stem}:{start}")
    if columns is None:
        yield Problem("", "empty file (only whitespace)")
    elif not rows:
        yield Problem("", "no rows after the header")


# --- HTML -----------------------------------------------------------------------------------


def _field(result: Any, name: str) -> str:
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    return value if isinstance(value, str) else ""


MIN_ARTICLE_WORDS = 5
# The extractor's time grows faster than linearly with the number of elements (50,000
# paragraphs take ~10 s, 400,000 ten minutes or more); a large news page has a few thousand.
MAX_HTML_TAGS = 200_000


def extract_html(data: bytes, doc_id: str) -> Record | Problem:
    """The main text of an HTML page, with title, date, canonical URL and site name from its
    metadata where present.  The text has one paragraph per line; a first line repeating
    the title (the page's headline) is dropped, the title being kept apart.  A page with
    over ``MAX_HTML_TAGS`` tags is a problem, not parsed."""
    if data.count(b"<") > MAX_HTML_TAGS:
        return Problem("", f"page too complex to extract: over {MAX_HTML_TAGS:,} tags")
    try:
        result = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            # Only the page's own metadata and markup: no date guessed from the text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # a third-party parser on untrusted input: never raise
        return Problem("", f"cannot parse the HTML ({reason_of(err)})")
    if result is None:
        return Problem("", "no article text found in the HTML")
    title = one_line(_field(result, "title"))
    lines = normalise_lines(_field(result, "text")).split("\n")
    if title and lines and one_line(lines[0]).casefold() == title.casefold():
        lines = lines[1:]
    text = "\n".join(line for line in lines if line)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        # a page of menus and links ("Home") has no article, whatever the extractor keeps
        return Problem("", "no article text found in the HTML")
    return Record(
        where="",
        id=doc_id,
        text=text,
        date=parse_date(_field(result, "date")),
        title=title,
        url=_field(result, "url").strip(),
        source=one_line(_field(result, "sitename")),
    )


# --- RSS / Atom -----------------------------------------------------------------------------

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
_FEED_DATE_EXPECTED = "expected an RFC 822 or ISO 8601 date"


def _get(obj: object, key: str) -> Any:
    """``obj[key]`` for a dict (feedparser's own dict type included, bypassing its
    deprecated key aliases), else ``None``."""
    return dict.get(obj, key) if isinstance(obj, dict) else None


def _detail_text(detail: Any) -> str:
    """Plain text of a feedparser text construct (``{"type": ..., "value": ...}``)."""
    value = _get(detail, "value")
    if not isinstance(value, str):
        return ""
    if str(_get(detail, "type") or "text/html").lower() in _HTML_TYPES:
        return html_to_text(value)
    return plain_text(value)


def _entry_text(entry: Any) -> str:
    contents = _get(entry, "content")
    for content in contents if isinstance(contents, list) else []:
        text = _detail_text(content)
        if text:
            return text
    return _detail_text(_get(entry, "summary_detail"))


def _entry_date(entry: Any, where: str) -> date | None | Problem:
    for field in ("published", "updated"):
        parsed = _get(entry, f"{field}_parsed")
        if parsed:
            try:
                return date(parsed[0], parsed[1], parsed[2])  # UTC, as feedparser gives it
            except (TypeError, ValueError, IndexError):
                continue
    for field in ("published", "updated"):
        raw = _get(entry, field)
        if isinstance(raw, str) and raw.strip():
            return Problem(where, unparseable_date(field, raw.strip(), _FEED_DATE_EXPECTED))
    return None


def _string(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _xml_error_location(data: bytes, exc: xml.sax.SAXParseException) -> str:
    """``line L, column C: `` of an XML error in ``data``, or ``""`` where the position
    feedparser's parser saw cannot be mapped back to the file: feedparser adds an XML
    declaration line when there is none, and rewrites a DOCTYPE."""
    first_element = re.search(rb"<\w", data)
    prolog = data[: first_element.start()] if first_element else data
    if re.search(rb"<!DOCTYPE", prolog, re.IGNORECASE):
        return ""
    line, column = exc.getLineNumber(), exc.getColumnNumber()
    if line is None or column is None:
        return ""
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    line -= 0 if body.startswith(b"<?xml") else 1
    if line < 1:
        return ""
    return f"line {line}, column {column + 1}: "  # expat counts columns from 0


def _feed_failure(parsed: Any, data: bytes) -> str | None:
    """Why ``parsed`` (feedparser's result for ``data``) is not a usable feed, or ``None``."""
    if _get(parsed, "bozo"):
        exc = _get(parsed, "bozo_exception")
        if isinstance(exc, xml.sax.SAXParseException):
            where = _xml_error_location(data, exc)
            return f"not a valid RSS/Atom feed ({where}{reason_of(exc.getMessage())})"
        if isinstance(exc, xml.sax.SAXException | feedparser.CharacterEncodingUnknown):
            return f"not a valid RSS/Atom feed ({reason_of(exc)})"
    if not _get(parsed, "entries"):
        if not _get(parsed, "version"):
            return "not a valid RSS/Atom feed (not an RSS or Atom document)"
        return "feed has no entries"
    return None


def iter_feed(data: bytes, stem: str) -> Iterator[Record | Problem]:
    """One record per entry of an RSS or Atom feed, located as ``#<n>`` (1-based).

    Text: the entry's content, else its summary, as plain text (one paragraph per line).
    Date: the UTC date of ``published``, else ``updated``.  Id: the entry's id, else its
    link, else ``<stem>:<n>``.  Source: the feed's title.
    """
    try:
        # A stream, not bytes: feedparser treats a bytes or str argument as a file name or
        # URL first.  External entities are not resolved.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as err:  # a third-party parser on untrusted input: never raise
        yield Problem("", f"cannot parse the feed ({reason_of(err)})")
        return
    failure = _feed_failure(parsed, data)
    if failure:
        yield Problem("", failure)
        return
    feed = _get(parsed, "feed")
    source = one_line(_detail_text(_get(feed, "title_detail")) or _string(_get(feed, "title")))
    for n, entry in enumerate(_get(parsed, "entries") or [], start=1):
        where = f"#{n}"
        text = _entry_text(entry)
        if not text:
            yield Problem(where, "entry has no text (no content or summary)")
            continue
        doc_date = _entry_date(entry, where)
        if isinstance(doc_date, Problem):
            yield doc_date
            continue
        link = _string(_get(entry, "link"))
        title = _detail_text(_get(entry, "title_detail")) or _string(_get(entry, "title"))
        yield Record(
            where=where,
            id=_string(_get(entry, "id")) or link or f"{stem}:{n}",
            text=text,
            date=doc_date,
            title=one_line(title),
            url=link,
            source=source,
        )
