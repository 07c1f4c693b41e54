"""Input readers for ``redline code PATH... [--date YYYY-MM-DD]``.

:func:`read_inputs` turns command-line paths into a stream of :class:`~redline.records.Document`
objects.  Bad input never raises: each problem is yielded, in input order, as an
:class:`InputError` whose ``str()`` is a one-line ``origin: message``, and the run goes on.

Accepted inputs (the format comes from the file name's extension, case-insensitively):

* ``.txt`` file: one document (id = file stem, date = ``default_date``);
* ``.jsonl`` file: one document per non-blank line, read line by line (origin ``path:line``);
* ``.csv`` file: one document per record, read record by record (origin ``path:line``, the
  line the record starts on); see :mod:`redline.ingest.formats` for the columns;
* ``.html``/``.htm`` file: one document, the page's main text (id = file stem);
* ``.xml``/``.rss``/``.atom`` file: an RSS or Atom feed, one document per entry (origin
  ``path#n``, 1-based);
* any of these gzip-compressed, named ``.gz`` after the extension (``wire.jsonl.gz``):
  JSONL and CSV are decompressed as they are read, the others whole; the size limits apply
  to the decompressed data, and a file that decompresses to over 100 times its size (and
  over 64 MB) is reported, not read further (real text compresses 3 to 10 times);
* directory: its files of these kinds, recursively, sorted by path (other files and hidden
  files/directories are skipped silently);
* ``-``: standard input, JSONL when its first non-space character is ``{`` (read line by
  line, like a file), else one text document with id ``stdin`` (read up to the size limit,
  never whole).

Text is UTF-8, or UTF-16 or UTF-32 with a byte-order mark (decoded to UTF-8 as it is read,
in every format and on standard input).  Runs of blank lines are skipped in bulk, so a file
of nothing but line breaks is reported as empty in the time it takes to read it.

The parsing of CSV, HTML and feeds is in :mod:`redline.ingest.formats`; this module opens,
decompresses and sniffs the files and applies the checks every document gets (size limit,
binary content, UTF-8 where the format is plain text, English).
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, cast

from redline.ingest.checks import (
    SNIFF_BYTES,
    UTF8_BOM,
    WIDEST_ENCODING,
    binary_problem,
    decode_utf8,
    format_size,
    language_problem,
    skip_blank_lines,
    skip_rest_of_line,
    too_large,
    wide_encoding,
)
from redline.ingest.formats import (
    Problem,
    Record,
    extract_html,
    iter_csv,
    iter_feed,
    parse_date,
    reason_of,
    unparseable_date,
)
from redline.output.terminal import one_line
from redline.records import Document

#: File extensions read (each also gzip-compressed, with ``.gz`` appended).
SUPPORTED_EXTENSIONS = (".txt", ".jsonl", ".csv", ".html", ".htm", ".xml", ".rss", ".atom")
GZIP_SUFFIX = ".gz"
HTML_EXTENSIONS = (".html", ".htm")
FEED_EXTENSIONS = (".xml", ".rss", ".atom")
STDIN_ORIGIN = "<stdin>"
STDIN_ID = "stdin"
DEFAULT_MAX_DOCUMENT_BYTES = 2_000_000

# A JSONL line is read with a bounded ``readline``; a line longer than this many times the
# document limit is skipped unparsed (its text cannot be within the limit in any sane encoding)
# and reported with its size, so one huge line never sits in memory whole.
_LINE_CAP_FACTOR = 4
# An HTML page or a feed is parsed whole: its file (decompressed) may be this many times the
# document limit, since markup and the feed's many entries take more room than one text.
_MARKUP_CAP_FACTOR = 10
# A gzip file may decompress to this many times its size or to this many bytes, whichever is
# more; past that it is reported and not read further.  Real text (news JSONL included)
# compresses 3 to 10 times; a megabyte of gzipped line breaks decompresses to a gigabyte.
_GZIP_MAX_RATIO = 100
_GZIP_FLOOR = 64_000_000
# Buffer size of the streams read line by line (and the chunk standard input is read in).
_BUFFER = 1 << 16

_EXTENSION_LIST = ", ".join(SUPPORTED_EXTENSIONS[:-1]) + f" or {SUPPORTED_EXTENSIONS[-1]}"
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


class _Unreadable(Exception):
    """A stream cannot be read further (a gzip bomb, bad UTF-16, a failing standard input):
    ``str()`` is the whole one-line problem."""


_READ_ERRORS = (OSError, EOFError, zlib.error, _Unreadable)


@dataclass(frozen=True)
class InputError:
    """One problem with the input: ``origin`` is ``path``, ``path:line`` (JSONL, CSV) or
    ``path#n`` (a feed's n-th entry) (``<stdin>`` and ``<stdin>:line`` for standard input);
    ``message`` is one lower-case line."""

    origin: str
    message: str

    def __str__(self) -> str:
        # A file name or a message quoting the input may hold line breaks or terminal
        # control sequences: shown escaped, so the problem stays one line.
        return f"{one_line(_encodable(self.origin))}: {one_line(_encodable(self.message))}"


def read_inputs(
    paths: Sequence[str],
    default_date: date | None = None,
    *,
    stdin: BinaryIO | None = None,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> Iterator[Document | InputError]:
    """Yield a :class:`Document` or an :class:`InputError` for each input, in input order.

    ``default_date`` is the date of ``.txt`` and stdin-text documents, of JSONL lines and
    CSV rows without a ``date``/``published`` value, of HTML pages whose metadata has no
    publication date and of feed entries without one.  ``stdin`` is read for the path ``-``
    (default: ``sys.stdin.buffer``; it need not be seekable, and is never read whole: JSONL
    line by line, a text up to ``max_document_bytes`` and one byte more).  Documents over
    ``max_document_bytes`` (UTF-8 bytes of the text) are rejected; an HTML page or a feed
    file (decompressed) may be up to ten times that.  Nothing is fetched over the network.
    """
    if isinstance(paths, str | bytes):
        raise TypeError("paths must be a sequence of paths, not a single string")
    if max_document_bytes < 1:
        raise ValueError("max_document_bytes must be positive")
    reader = _Reader(default_date, max_document_bytes)
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            yield from reader.read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        else:
            yield from reader.read_path(path)


# --- helpers --------------------------------------------------------------------------------


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    reason = err.strerror or err.__class__.__name__
    return " ".join(reason.split()).lower()


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _unencodable(text: str) -> int | None:
    """Index of the first character UTF-8 cannot encode (a lone surrogate from a ``\\ud800``
    escape), or ``None``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        return err.start
    return None


def _sort_key(path: str) -> tuple[str, ...]:
    return Path(path).parts


def input_files(root: str, on_error: Callable[[OSError], None] | None = None
                ) -> Iterator[str]:
    """The input files under the folder ``root``, in walk order: hidden files and folders
    skipped, files of a format ``input_format`` knows only (``redline ingest`` reads these,
    ``redline watch`` polls them)."""
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and input_format(name) is not None:
                yield os.path.join(dirpath, name)


def input_format(path: str) -> tuple[str, bool] | None:
    """``(extension, compressed)`` of a file name the readers accept (``(".jsonl", True)``
    for ``wire.JSONL.gz``), or ``None``."""
    name = os.path.basename(path).lower()
    compressed = name.endswith(GZIP_SUFFIX)
    if compressed:
        name = name[: -len(GZIP_SUFFIX)]
    extension = os.path.splitext(name)[1]
    return (extension, compressed) if extension in SUPPORTED_EXTENSIONS else None


def _shown_extension(path: str) -> str:
    name = os.path.basename(path).lower()
    extension = os.path.splitext(name)[1]
    if extension == GZIP_SUFFIX:
        extension = os.path.splitext(name[: -len(GZIP_SUFFIX)])[1] + extension
    return f"'{extension}'" if extension else "(no extension)"


def _stem(path: str) -> str:
    """The file name without its extension (and without ``.gz``): the default id."""
    name = os.path.basename(path)
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return _encodable(Path(name).stem)


def _encodable(text: str) -> str:
    """``text`` as it is when UTF-8 can encode it; else (a file name that is not UTF-8,
    which Python decodes to lone surrogates) with the bytes that are not UTF-8 written as
    ``\\xe9``, so that ids and origins can be printed and stored."""
    if _unencodable(text) is None:
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def _read_failure(err: BaseException) -> str:
    if isinstance(err, _Unreadable):
        return str(err)
    if isinstance(err, _GZIP_ERRORS):
        return f"truncated or corrupt gzip file ({reason_of(err)})"
    if isinstance(err, OSError):
        return f"cannot read file ({_os_reason(err)})"
    return f"cannot read file ({reason_of(err)})"


# --- streams --------------------------------------------------------------------------------


class _BoundedGzip(gzip.GzipFile):
    """A gzip reader that raises :class:`_Unreadable` once it has decompressed more than
    ``_GZIP_MAX_RATIO`` times the file's ``size`` (and more than ``_GZIP_FLOOR`` bytes)."""

    def __init__(self, fileobj: BinaryIO, size: int) -> None:
        super().__init__(fileobj=fileobj, mode="rb")
        self._compressed = size
        self._bound = max(_GZIP_FLOOR, _GZIP_MAX_RATIO * size)

    def _checked(self, data: bytes) -> bytes:
        if self.tell() > self._bound:
            raise _Unreadable(
                f"decompresses to over {_GZIP_MAX_RATIO} times its size (more than "
                f"{format_size(self._bound)} from {format_size(self._compressed)}): "
                "not read further"
            )
        return data

    def read(self, size: int | None = -1) -> bytes:
        return self._checked(super().read(size))

    def read1(self, size: int = -1) -> bytes:
        return self._checked(super().read1(size))

    def readline(self, size: int | None = -1) -> bytes:
        return self._checked(super().readline(size))


class _Transcoded(io.RawIOBase):
    """The UTF-8 bytes of a UTF-16 or UTF-32 stream (its byte-order mark dropped), decoded
    as they are read; bad data raises :class:`_Unreadable` naming its offset."""

    def __init__(self, stream: BinaryIO, codec: str, name: str) -> None:
        self._read = getattr(stream, "read1", stream.read)
        self._decoder = codecs.getincrementaldecoder(codec)("strict")
        self._name = name
        self._pending = b""
        self._offset = 0  # bytes of ``stream`` decoded
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            raw = self._read(_BUFFER) or b""
            kept = len(self._decoder.getstate()[0])  # undecoded bytes of the last chunk
            try:
                text = self._decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as err:
                offset = self._offset - kept + err.start
                raise _Unreadable(
                    f"not valid {self._name} ({reason_of(err.reason)} at offset {offset})"
                ) from None
            self._offset += len(raw)
            self._done = not raw
            self._pending = text.encode("utf-8")  # strict decoders give no lone surrogates
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


class _StdinRest(io.RawIOBase):
    """``head`` (what was read of standard input to sniff it), then the rest of ``stream``;
    a failing read raises :class:`_Unreadable`."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._read = getattr(stream, "read1", stream.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:] if size < len(self._head) else memoryview(b"")
            return size
        try:
            data = self._read(len(buffer)) or b""
        except (OSError, ValueError) as err:  # ValueError: read from a closed stream
            raise _Unreadable(f"cannot read standard input ({_stdin_reason(err)})") from None
        buffer[: len(data)] = data
        return len(data)


def _buffered(raw: io.RawIOBase) -> BinaryIO:
    return cast(BinaryIO, io.BufferedReader(raw, buffer_size=_BUFFER))


def _decoded(stream: BinaryIO, codec: str, name: str) -> BinaryIO:
    """``stream`` (at its start, a byte-order mark first) decoded to UTF-8 as it is read."""
    return _buffered(_Transcoded(stream, codec, name))


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """At most ``size`` bytes of ``stream``, fewer only at its end; never more are read."""
    parts = []
    left = size
    while left > 0:
        chunk = stream.read(min(left, _BUFFER))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _stdin_reason(err: BaseException) -> str:
    return _os_reason(err) if isinstance(err, OSError) else "stream is closed"


# --- the reader -----------------------------------------------------------------------------


class _Reader:
    def __init__(self, default_date: date | None, limit: int) -> None:
        self.default_date = default_date
        self.limit = limit

    # paths

    def read_path(self, path: str) -> Iterator[Document | InputError]:
        try:
            info = os.stat(path)
        except OSError as err:
            yield InputError(path, _os_reason(err))
            return
        except ValueError:  # a NUL character in the path
            yield InputError(path, "not a valid path (contains a NUL character)")
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self.read_directory(path)
            return
        kind = input_format(path)
        if kind is None:
            yield InputError(
                path,
                f"unsupported file type {_shown_extension(path)}: expected a {_EXTENSION_LIST} "
                "file (or one of these gzip-compressed, .gz), a directory or - for standard input",
            )
            return
        if not stat.S_ISREG(info.st_mode):
            yield InputError(path, "not a regular file")
            return
        extension, compressed = kind
        size = info.st_size
        if extension == ".txt":
            yield self.read_txt(path, size, compressed)
        elif extension == ".jsonl":
            yield from self.read_jsonl(path, size, compressed)
        elif extension == ".csv":
            yield from self.read_csv(path, size, compressed)
        elif extension in HTML_EXTENSIONS:
            yield self.read_html(path, size, compressed)
        else:
            yield from self.read_feed(path, size, compressed)

    def read_directory(self, root: str) -> Iterator[Document | InputError]:
        entries: list[tuple[str, OSError | None]] = []

        def on_error(err: OSError) -> None:
            entries.append((err.filename or root, err))

        for path in input_files(root, on_error):  # errors join the list as they are met
            entries.append((path, None))
        if not entries:
            yield InputError(root, f"directory has no {_EXTENSION_LIST} files (plain or .gz)")
            return
        for path, err in sorted(entries, key=lambda entry: _sort_key(entry[0])):
            if err is not None:
                yield InputError(os.fspath(path), f"cannot read directory ({_os_reason(err)})")
            else:
                yield from self.read_path(path)

    def read_txt(self, path: str, size: int, compressed: bool = False) -> Document | InputError:
        data = self._read_whole(path, size, compressed, self.limit, "document")
        if isinstance(data, InputError):
            return data
        return self._text_document(data, path, _stem(path), empty="empty file")

    def read_jsonl(
        self, path: str, size: int, compressed: bool = False
    ) -> Iterator[Document | InputError]:
        yield from self._read_stream(path, size, compressed, lambda source: self._jsonl_stream(
            source, path, _stem(path), empty="empty file"))

    def read_csv(
        self, path: str, size: int, compressed: bool = False
    ) -> Iterator[Document | InputError]:
        yield from self._read_stream(path, size, compressed,
                                     lambda source: self._csv_stream(source, path))

    def _csv_stream(self, source: BinaryIO, path: str) -> Iterator[Document | InputError]:
        try:
            items = iter_csv(source, _stem(path), limit=self.limit, line_cap=self._line_cap)
            for item in items:
                yield self._parsed_document(item, path)
        except _READ_ERRORS as err:
            yield InputError(path, _read_failure(err))

    def _read_stream(
        self, path: str, size: int, compressed: bool,
        read: Callable[[BinaryIO], Iterator[Document | InputError]],
    ) -> Iterator[Document | InputError]:
        """``read`` over the file's text stream (decoded, checked as not empty, not binary),
        or the one error that stopped it from being opened."""
        opened = self._open_nonempty(path, size, compressed)
        if isinstance(opened, InputError):
            yield opened
            return
        raw, stream = opened
        with raw, stream:
            source = self._sniffed(stream, path)
            if isinstance(source, InputError):
                yield source
                return
            yield from read(source)

    def read_html(self, path: str, size: int, compressed: bool = False) -> Document | InputError:
        data = self._markup(path, size, compressed, "page")
        if isinstance(data, InputError):
            return data
        return self._parsed_document(extract_html(data, _stem(path)), path)

    def read_feed(
        self, path: str, size: int, compressed: bool = False
    ) -> Iterator[Document | InputError]:
        data = self._markup(path, size, compressed, "feed")
        if isinstance(data, InputError):
            yield data
            return
        for item in iter_feed(data, _stem(path)):
            yield self._parsed_document(item, path)

    # files

    @property
    def _line_cap(self) -> int:
        return _LINE_CAP_FACTOR * self.limit + 2

    def _open(
        self, path: str, size: int, compressed: bool
    ) -> tuple[BinaryIO, BinaryIO] | InputError:
        """``(file, stream)``: the open file and the stream to read (the file itself, or a
        gzip reader over it, which decompresses as it is read, within a ratio of ``size``)."""
        try:
            raw = open(path, "rb", buffering=_BUFFER)  # noqa: SIM115 - the caller closes it
        except OSError as err:
            return InputError(path, f"cannot read file ({_os_reason(err)})")
        if not compressed:
            return raw, raw
        return raw, cast(BinaryIO, _BoundedGzip(raw, size))

    def _open_nonempty(self, path: str, size: int, compressed: bool
                       ) -> tuple[BinaryIO, BinaryIO] | InputError:
        """``_open``, with an error for an empty file before opening it."""
        if size == 0:
            return InputError(path, "empty file")
        return self._open(path, size, compressed)

    def _sniffed(self, stream: BinaryIO, origin: str) -> BinaryIO | InputError:
        """The stream of a file read line by line, as UTF-8 (decoded from UTF-16 or UTF-32
        when it starts with their byte-order mark), or why it cannot be read: it is empty
        (once decompressed), binary, or unreadable."""
        try:
            head = stream.read(SNIFF_BYTES)
            if not head:
                return InputError(origin, "empty file")
            stream.seek(0)
            return self._utf8_stream(stream, head, origin)
        except _READ_ERRORS as err:
            return InputError(origin, _read_failure(err))

    def _utf8_stream(self, stream: BinaryIO, head: bytes, origin: str) -> BinaryIO | InputError:
        """``stream`` (at its start, which is ``head``) as UTF-8, or why it looks binary.
        Errors reading it propagate."""
        wide = wide_encoding(head)
        if wide is not None:
            stream = _decoded(stream, *wide)
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
        problem = binary_problem(head)
        return InputError(origin, problem) if problem else stream

    def _read_whole(
        self, path: str, size: int, compressed: bool, cap: int, what: str
    ) -> bytes | InputError:
        """The (decompressed) content of ``path`` as UTF-8 (decoded from UTF-16 or UTF-32
        when it starts with their byte-order mark), at most ``cap`` bytes of it."""
        if size == 0:
            return InputError(path, "empty file")
        if size > WIDEST_ENCODING * cap + 4 and not compressed:
            # decided from the size alone, never opened: even UTF-32 would be too large
            return InputError(path, too_large(size, cap, what))
        opened = self._open(path, size, compressed)
        if isinstance(opened, InputError):
            return opened
        raw, stream = opened
        try:
            with raw, stream:
                head = stream.read(4)
                wide = wide_encoding(head)
                if wide is None:
                    if size > cap and not compressed:
                        return InputError(path, too_large(size, cap, what))
                    data = head + stream.read(max(0, cap + 1 - len(head)))
                else:
                    stream.seek(0)
                    data = _read_up_to(_decoded(stream, *wide), cap + 1)
        except _READ_ERRORS as err:
            return InputError(path, _read_failure(err))
        if len(data) > cap:
            if compressed or wide is not None:
                done = " and ".join(
                    ([f"decoded from {wide[1]}"] if wide else [])
                    + (["decompressed"] if compressed else [])
                )
                return InputError(
                    path, f"{what} too large: over the {format_size(cap)} limit once {done}"
                )
            return InputError(path, too_large(max(size, len(data)), cap, what))  # grew
        return data

    def _markup(self, path: str, size: int, compressed: bool, what: str) -> bytes | InputError:
        """The bytes of an HTML page or a feed, checked not to be empty or binary."""
        data = self._read_whole(path, size, compressed, _MARKUP_CAP_FACTOR * self.limit, what)
        if isinstance(data, InputError):
            return data
        problem = _markup_problem(data, path, "empty file")
        return data if problem is None else problem

    # standard input

    def read_stdin(self, stream: BinaryIO) -> Iterator[Document | InputError]:
        """Standard input, never read whole: JSONL (its first non-space character is ``{``)
        is read line by line like a file, a text up to the size limit."""
        rest = stream
        try:
            data = _read_up_to(stream, self.limit + 1)
            wide = wide_encoding(data)
            if wide is not None:
                rest = _decoded(_buffered(_StdinRest(data, stream)), *wide)
                data = _read_up_to(rest, self.limit + 1)
        except (OSError, ValueError) as err:  # ValueError: read from a closed stream
            yield InputError(STDIN_ORIGIN, f"cannot read standard input ({_stdin_reason(err)})")
            return
        except _Unreadable as err:
            yield InputError(STDIN_ORIGIN, str(err))
            return
        body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
        start = body.lstrip()
        if start.startswith(b"{") or (not start and len(data) > self.limit):
            # JSONL, or more blank lines than a text may hold: JSONL if anything follows
            problem = binary_problem(data)
            if problem:
                yield InputError(STDIN_ORIGIN, problem)
                return
            source = _buffered(_StdinRest(data, rest))
            yield from self._jsonl_stream(
                source, STDIN_ORIGIN, STDIN_ID, empty="empty input", text_first=not start
            )
            return
        if len(data) > self.limit:
            yield InputError(STDIN_ORIGIN, self._stdin_too_large())
            return
        yield self._text_document(data, STDIN_ORIGIN, STDIN_ID, empty="empty input")

    def _stdin_too_large(self) -> str:
        return f"document too large: over the {format_size(self.limit)} limit"

    # shared

    def _text_document(
        self, data: bytes, origin: str, doc_id: str, *, empty: str
    ) -> Document | InputError:
        if not data:
            return InputError(origin, empty)
        problem = binary_problem(data)
        if problem:
            return InputError(origin, problem)
        text, problem = decode_utf8(data)
        if text is None:
            return InputError(origin, problem or "not valid UTF-8")
        if not text.strip():
            return InputError(origin, f"{empty} (only whitespace)")
        problem = language_problem(text)
        if problem:
            return InputError(origin, problem)
        return Document(
            id=doc_id, text=text, date=self.default_date, origin=_encodable(origin)
        )

    def _jsonl_stream(
        self, stream: BinaryIO, origin: str, stem: str, *, empty: str, text_first: bool = False
    ) -> Iterator[Document | InputError]:
        """The documents of a JSONL stream (UTF-8, already checked not to be binary), read
        line by line.  With ``text_first`` (standard input that started with more blank lines
        than a text may hold), a first non-blank line that is not a JSON object makes the
        input a text, too large."""
        cap = self._line_cap
        offset = 0
        lineno = 0
        seen_content = False
        try:
            while True:
                raw = stream.readline(cap)
                if not raw:
                    break
                lineno += 1
                line_origin = f"{origin}:{lineno}"
                line_start = offset
                size = len(raw)
                if text_first and not seen_content:
                    start = (raw[len(UTF8_BOM) :] if raw.startswith(UTF8_BOM) else raw).lstrip()
                    if start and not start.startswith(b"{"):
                        yield InputError(origin, self._stdin_too_large())
                        return
                if len(raw) == cap and not raw.endswith(b"\n"):
                    # Too long to parse: skip the rest of the line without keeping it.
                    rest, newline = skip_rest_of_line(stream)
                    size += rest
                    offset += size
                    seen_content = True
                    yield InputError(line_origin, too_large(size - newline, self.limit))
                    continue
                offset += size
                text, problem = decode_utf8(raw, base_offset=line_start)
                if text is None:
                    seen_content = True
                    yield InputError(line_origin, problem or "not valid UTF-8")
                    continue
                if not text.strip():
                    # a blank line: skip the blank lines after it in bulk
                    lines, skipped = skip_blank_lines(stream, cap)
                    lineno += lines
                    offset += skipped
                    continue
                seen_content = True
                yield self._jsonl_document(text, line_origin, f"{stem}:{lineno}")
        except _READ_ERRORS as err:
            yield InputError(origin, _read_failure(err))
            return
        if not seen_content:
            yield InputError(origin, f"{empty} (only whitespace)")

    def _parsed_document(self, item: Record | Problem, path: str) -> Document | InputError:
        """A document from a parser's record, after the checks every document gets."""
        origin = path + item.where
        if isinstance(item, Problem):
            return InputError(origin, item.message)
        if not item.text.strip():
            return InputError(origin, "no text")
        fields = (
            ("text", item.text),
            ("id", item.id),
            ("title", item.title),
            ("url", item.url),
            ("source", item.source),
        )
        for key, value in fields:
            bad = _unencodable(value)
            if bad is not None:
                return InputError(origin, f'"{key}" has an unpaired surrogate at character {bad}')
        size = len(item.text.encode("utf-8"))
        if size > self.limit:
            return InputError(origin, too_large(size, self.limit))
        problem = language_problem(item.text)
        if problem:
            return InputError(origin, problem)
        return Document(
            id=item.id,
            text=item.text,
            date=item.date or self.default_date,
            title=item.title,
            url=item.url,
            source=item.source,
            origin=_encodable(origin),
        )

    def _jsonl_document(self, line: str, origin: str, fallback_id: str) -> Document | InputError:
        try:
            obj: Any = json.loads(line)
        except json.JSONDecodeError as err:
            return InputError(origin, f"not valid JSON ({err.msg.lower()} at column {err.colno})")
        except RecursionError:
            return InputError(origin, "not valid JSON (nested too deeply)")
        except ValueError:  # an integer beyond Python's limit on digits
            return InputError(
                origin, f"not valid JSON (a number over {sys.get_int_max_str_digits()} digits)"
            )
        if not isinstance(obj, dict):
            return InputError(origin, f"not a JSON object (got {_json_type(obj)})")
        if "text" not in obj:
            return InputError(origin, 'missing "text" field')
        text = obj["text"]
        if not isinstance(text, str):
            return InputError(origin, f'"text" is not a string (got {_json_type(text)})')
        if not text.strip():
            return InputError(origin, '"text" is empty')
        bad = _unencodable(text)
        if bad is not None:
            return InputError(origin, f'"text" has an unpaired surrogate at character {bad}')
        size = len(text.encode("utf-8"))
        if size > self.limit:
            return InputError(origin, too_large(size, self.limit))

        raw_id = obj.get("id")
        if raw_id is None or raw_id == "":
            doc_id = fallback_id
        elif isinstance(raw_id, str) or (
            isinstance(raw_id, int | float) and not isinstance(raw_id, bool)
        ):
            doc_id = str(raw_id)
        else:
            return InputError(origin, f'"id" must be a string or number (got {_json_type(raw_id)})')

        field_name = "date" if obj.get("date") not in (None, "") else "published"
        raw_date = obj.get(field_name)
        if raw_date is None or raw_date == "":
            doc_date = self.default_date
        else:
            parsed = parse_date(raw_date)
            if parsed is None:
                return InputError(origin, unparseable_date(field_name, raw_date))
            doc_date = parsed

        meta: dict[str, str] = {}
        for key in ("title", "url", "source"):
            value = obj.get(key)
            if value is None:
                meta[key] = ""
            elif isinstance(value, str):
                meta[key] = value
            else:
                return InputError(origin, f'"{key}" is not a string (got {_json_type(value)})')
        for key, value in (("id", doc_id), *meta.items()):
            bad = _unencodable(value)
            if bad is not None:
                return InputError(origin, f'"{key}" has an unpaired surrogate at character {bad}')

        problem = language_problem(text)
        if problem:
            return InputError(origin, problem)
        return Document(
            id=doc_id,
            text=text,
            date=doc_date,
            title=meta["title"],
            url=meta["url"],
            source=meta["source"],
            origin=_encodable(origin),
        )


def _markup_problem(data: bytes, origin: str, empty: str) -> InputError | None:
    """Why a page's or feed's bytes cannot be read as markup (``empty``, or binary), or
    None."""
    if not data.strip():
        return InputError(origin, empty + (" (only whitespace)" if data else ""))
    problem = binary_problem(data)
    return InputError(origin, problem) if problem else None


def read_feed_data(
    data: bytes,
    origin: str,
    default_date: date | None = None,
    *,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> Iterator[Document | InputError]:
    """The documents of an RSS/Atom feed already read into ``data`` (``redline watch``
    fetches feeds over HTTP), with the checks a feed file gets: at most ten times
    ``max_document_bytes`` (decoded from UTF-16 or UTF-32 when it starts with their
    byte-order mark), not empty, not binary, then one document per entry as for a ``.xml``
    file. ``origin`` (the feed's URL) names the problems (``URL#3``) and, with the entry's
    number, the id of an entry that has neither an id nor a link."""
    if max_document_bytes < 1:
        raise ValueError("max_document_bytes must be positive")
    reader = _Reader(default_date, max_document_bytes)
    cap = _MARKUP_CAP_FACTOR * max_document_bytes
    wide = wide_encoding(data[:4])
    if wide is not None:
        try:
            data = data.decode(wide[0]).encode("utf-8")
        except UnicodeError:
            yield InputError(origin, f"not valid {wide[1]} text")
            return
    if len(data) > cap:
        yield InputError(origin, too_large(len(data), cap, "feed"))
        return
    problem = _markup_problem(data, origin, "empty feed")
    if problem is not None:
        yield problem
        return
    for item in iter_feed(data, origin):
        yield reader._parsed_document(item, origin)
