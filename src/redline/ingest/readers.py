"""Input readers for ``redline code PATH... [--date YYYY-MM-DD]``.

:func:`read_inputs` turns command-line paths into a stream of :class:`~redline.records.Document`
objects.  Bad input never raises: each problem is yielded, in input order, as an
:class:`InputError` whose ``str()`` is a one-line ``origin: message``, and the run goes on.

Accepted inputs:

* ``.txt`` file: one document (id = file stem, date = ``default_date``);
* ``.jsonl`` file: one document per non-blank line, read line by line;
* directory: its ``.txt`` and ``.jsonl`` files, recursively, sorted by path (other files and
  hidden files/directories are skipped silently);
* ``-``: standard input, JSONL when its first non-space character is ``{``, else one text
  document with id ``stdin``.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from redline.ingest.checks import (
    SNIFF_BYTES,
    UTF8_BOM,
    binary_problem,
    decode_utf8,
    language_problem,
)
from redline.records import Document

SUPPORTED_EXTENSIONS = (".txt", ".jsonl")
STDIN_ORIGIN = "<stdin>"
STDIN_ID = "stdin"
DEFAULT_MAX_DOCUMENT_BYTES = 2_000_000

# A JSONL line is read with a bounded ``readline``; a line longer than this many times the
# document limit is skipped unparsed (its text cannot be within the limit in any sane encoding)
# and reported with its size, so one huge line never sits in memory whole.
_LINE_CAP_FACTOR = 4
_SKIP_CHUNK = 1 << 20
_MAX_SHOWN_VALUE = 60


@dataclass(frozen=True)
class InputError:
    """One problem with the input: ``origin`` is ``path`` or ``path:line`` (``<stdin>`` and
    ``<stdin>:line`` for standard input); ``message`` is one lower-case line."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def read_inputs(
    paths: Sequence[str],
    default_date: date | None = None,
    *,
    stdin: BinaryIO | None = None,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> Iterator[Document | InputError]:
    """Yield a :class:`Document` or an :class:`InputError` for each input, in input order.

    ``default_date`` is the date of ``.txt`` and stdin-text documents and of JSONL lines
    without a ``date``/``published`` field.  ``stdin`` is read for the path ``-`` (default:
    ``sys.stdin.buffer``).  Documents over ``max_document_bytes`` (UTF-8 bytes) are rejected.
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


def _format_size(n: int) -> str:
    if n >= 100_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} KB"
    return f"{n} bytes"


def _too_large(size: int, limit: int) -> str:
    shown, shown_limit = _format_size(size), _format_size(limit)
    if shown == shown_limit:  # e.g. 2,000,001 bytes vs a 2,000,000-byte limit
        shown, shown_limit = f"{size:,} bytes", f"{limit:,}-byte"
    return f"document too large: {shown}, over the {shown_limit} limit"


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


def _show(value: object) -> str:
    """A value as short one-line JSON, for messages."""
    try:
        shown = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError):
        shown = repr(value)
    if len(shown) > _MAX_SHOWN_VALUE:
        shown = shown[: _MAX_SHOWN_VALUE - 3] + "..."
    return shown


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
        if stat.S_ISDIR(info.st_mode):
            yield from self.read_directory(path)
            return
        extension = os.path.splitext(path)[1].lower()
        if extension not in SUPPORTED_EXTENSIONS:
            shown = f"'{extension}'" if extension else "(no extension)"
            yield InputError(
                path,
                f"unsupported file type {shown}: expected a .txt or .jsonl file, "
                "a directory or - for standard input",
            )
            return
        if not stat.S_ISREG(info.st_mode):
            yield InputError(path, "not a regular file")
            return
        if extension == ".txt":
            yield self.read_txt(path, info.st_size)
        else:
            yield from self.read_jsonl(path, info.st_size)

    def read_directory(self, root: str) -> Iterator[Document | InputError]:
        entries: list[tuple[str, OSError | None]] = []

        def on_error(err: OSError) -> None:
            entries.append((err.filename or root, err))

        for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.startswith("."):
                    continue
                if os.path.splitext(name)[1].lower() in SUPPORTED_EXTENSIONS:
                    entries.append((os.path.join(dirpath, name), None))
        if not entries:
            yield InputError(root, "directory has no .txt or .jsonl files")
            return
        for path, err in sorted(entries, key=lambda entry: _sort_key(entry[0])):
            if err is not None:
                yield InputError(os.fspath(path), f"cannot read directory ({_os_reason(err)})")
            else:
                yield from self.read_path(path)

    def read_txt(self, path: str, size: int) -> Document | InputError:
        if size == 0:
            return InputError(path, "empty file")
        if size > self.limit:  # decided from the size alone: the file is never opened
            return InputError(path, _too_large(size, self.limit))
        try:
            with open(path, "rb") as stream:
                data = stream.read(self.limit + 1)
        except OSError as err:
            return InputError(path, f"cannot read file ({_os_reason(err)})")
        if len(data) > self.limit:  # grew since stat
            return InputError(path, _too_large(max(size, len(data)), self.limit))
        return self._text_document(data, path, Path(path).stem, empty="empty file")

    def read_jsonl(self, path: str, size: int) -> Iterator[Document | InputError]:
        if size == 0:
            yield InputError(path, "empty file")
            return
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed below; the generator streams
        except OSError as err:
            yield InputError(path, f"cannot read file ({_os_reason(err)})")
            return
        with stream:
            yield from self._jsonl_stream(stream, path, Path(path).stem, empty="empty file")

    # standard input

    def read_stdin(self, stream: BinaryIO) -> Iterator[Document | InputError]:
        try:
            data = stream.read()
        except (OSError, ValueError) as err:  # ValueError: read from a closed stream
            reason = _os_reason(err) if isinstance(err, OSError) else "stream is closed"
            yield InputError(STDIN_ORIGIN, f"cannot read standard input ({reason})")
            return
        data = data or b""
        body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
        if body.lstrip().startswith(b"{"):
            yield from self._jsonl_stream(
                io.BytesIO(data), STDIN_ORIGIN, STDIN_ID, empty="empty input"
            )
            return
        if len(data) > self.limit:
            yield InputError(STDIN_ORIGIN, _too_large(len(data), self.limit))
            return
        yield self._text_document(data, STDIN_ORIGIN, STDIN_ID, empty="empty input")

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
        return Document(id=doc_id, text=text, date=self.default_date, origin=origin)

    def _jsonl_stream(
        self, stream: BinaryIO, origin: str, stem: str, *, empty: str
    ) -> Iterator[Document | InputError]:
        try:
            head = stream.read(SNIFF_BYTES)
            if not head:
                yield InputError(origin, empty)
                return
            problem = binary_problem(head)
            if problem:
                yield InputError(origin, problem)
                return
            stream.seek(0)
            cap = _LINE_CAP_FACTOR * self.limit + 2
            offset = 0
            lineno = 0
            seen_content = False
            while True:
                raw = stream.readline(cap)
                if not raw:
                    break
                lineno += 1
                line_origin = f"{origin}:{lineno}"
                line_start = offset
                size = len(raw)
                if len(raw) == cap and not raw.endswith(b"\n"):
                    # Too long to parse: skip the rest of the line without keeping it.
                    newline = 0
                    while True:
                        chunk = stream.readline(_SKIP_CHUNK)
                        size += len(chunk)
                        if not chunk:
                            break
                        if chunk.endswith(b"\n"):
                            newline = 1
                            break
                    offset += size
                    seen_content = True
                    yield InputError(line_origin, _too_large(size - newline, self.limit))
                    continue
                offset += size
                text, problem = decode_utf8(raw, base_offset=line_start)
                if text is None:
                    seen_content = True
                    yield InputError(line_origin, problem or "not valid UTF-8")
                    continue
                if not text.strip():
                    continue  # blank line
                seen_content = True
                yield self._jsonl_document(text, line_origin, f"{stem}:{lineno}")
        except OSError as err:
            yield InputError(origin, f"cannot read file ({_os_reason(err)})")
            return
        if not seen_content:
            yield InputError(origin, f"{empty} (only whitespace)")

    def _jsonl_document(self, line: str, origin: str, fallback_id: str) -> Document | InputError:
        try:
            obj: Any = json.loads(line)
        except json.JSONDecodeError as err:
            return InputError(origin, f"not valid JSON ({err.msg.lower()} at column {err.colno})")
        except RecursionError:
            return InputError(origin, "not valid JSON (nested too deeply)")
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
            return InputError(origin, _too_large(size, self.limit))

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
                return InputError(
                    origin,
                    f'unparseable "{field_name}" {_show(raw_date)}: expected YYYY-MM-DD '
                    "or an ISO 8601 date-time",
                )
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
            origin=origin,
        )
