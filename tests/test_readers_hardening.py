"""Hostile and odd input for redline.ingest.read_inputs: gzip bombs and runs of blank lines,
standard input too large to hold, UTF-16/UTF-32 text, file names with line breaks.

Each bad input must give one one-line InputError, never a traceback, a hang or a read of
the whole input into memory.  No test asserts on durations: the data is large enough that
reading it line by line (as the readers once did) would take minutes.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import itertools
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from redline.ingest import InputError, read_inputs
from redline.ingest import formats as formats_module
from redline.ingest import readers as readers_module
from redline.records import Document
from tests.conftest import jsonl, run_cli
from tests.helpers import (
    ATOM,
    ENGLISH,
    ENGLISH_2,
    GOOD,
    NEWS_HTML,
    assert_error,
    assert_error_then_document,
    csv_text,
    jsonl_text,
    read_paths,
    write,
)

MB = 1_000_000
ROOT = Path(__file__).resolve().parents[1]
CHUNK = 1 << 16


def gzip_of_repeated(
    path: Path, piece: bytes, total: int, tail: bytes = b"", head: bytes = b""
) -> Path:
    """A gzip file of ``head``, ``piece`` repeated to ``total`` bytes, then ``tail``, written
    in chunks (never held whole)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
    block = piece * (CHUNK // len(piece))
    with path.open("wb") as out:
        out.write(compressor.compress(head))
        left = total
        while left > 0:
            part = block[: min(left, len(block))]
            out.write(compressor.compress(part))
            left -= len(part)
        out.write(compressor.compress(tail))
        out.write(compressor.flush())
    return path


@pytest.fixture(scope="module")
def newline_bomb(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """200 MB of line breaks, gzipped to about 200 KB (1000 times smaller)."""
    path = tmp_path_factory.mktemp("bomb") / "newlines.gz"
    return gzip_of_repeated(path, b"\n", 200 * MB).read_bytes()


@pytest.fixture
def no_gzip_ratio(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn the decompression ratio guard off, to see what the line readers do with the data."""
    monkeypatch.setattr(readers_module, "_GZIP_MAX_RATIO", 10**9)


class LazyStdin:
    """A non-seekable standard input that makes its data as it is read and counts the bytes
    handed out; reading it whole (``read()``, ``read(-1)``, ``read(None)``) fails the test."""

    def __init__(self, pieces: Iterable[bytes], fail_after: int | None = None) -> None:
        self._pieces: Iterator[bytes] = iter(pieces)
        self._pending = b""
        self._fail_after = fail_after
        self.served = 0

    def read(self, size: int | None = -1) -> bytes:
        assert size is not None and size >= 0, "standard input was read whole"
        if self._fail_after is not None and self.served >= self._fail_after:
            raise OSError(errno.EIO, "Input/output error")
        while len(self._pending) < size:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._pending += piece
        out, self._pending = self._pending[:size], self._pending[size:]
        self.served += len(out)
        return out


def repeated(piece: bytes, total: int) -> Iterator[bytes]:
    """``piece`` repeated to about ``total`` bytes, in chunks of about 64 KB, made lazily."""
    block = piece * max(1, CHUNK // len(piece))
    return itertools.repeat(block, max(1, total // len(block)))


def one_error(items: list[Document | InputError]) -> InputError:
    assert len(items) == 1, [str(item) for item in items]
    [item] = items
    assert isinstance(item, InputError), item
    assert len(str(item).splitlines()) == 1
    return item


# --- 1. gzip bombs and runs of blank lines --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("bomb.jsonl.gz", "decompresses to over 100 times its size"),
        ("bomb.csv.gz", "decompresses to over 100 times its size"),
        ("bomb.txt.gz", "document too large: over the 2.0 MB limit once decompressed"),
        ("bomb.html.gz", "page too large: over the 20.0 MB limit once decompressed"),
        ("bomb.xml.gz", "feed too large: over the 20.0 MB limit once decompressed"),
    ],
)
def test_gzip_of_line_breaks_is_one_error_in_every_format(
    tmp_path: Path, good_txt: Path, newline_bomb: bytes, name: str, fragment: str
) -> None:
    path = write(tmp_path / name, newline_bomb)
    assert_error_then_document(read_paths([path, good_txt]), path, fragment)


def test_gzip_ratio_message_names_the_sizes(tmp_path: Path, newline_bomb: bytes) -> None:
    path = write(tmp_path / "bomb.jsonl.gz", newline_bomb)
    error = one_error(read_paths([path]))
    assert error.message.startswith("decompresses to over 100 times its size (more than 64.0 MB")
    assert error.message.endswith("): not read further")


@pytest.mark.usefixtures("no_gzip_ratio")
@pytest.mark.parametrize("name", ["blank.jsonl.gz", "blank.csv.gz"])
def test_gzip_of_line_breaks_is_empty_for_the_line_readers(
    tmp_path: Path, newline_bomb: bytes, name: str
) -> None:
    path = write(tmp_path / name, newline_bomb)
    assert_error(one_error(read_paths([path])), path, "empty file (only whitespace)")


@pytest.mark.usefixtures("no_gzip_ratio")
def test_gzip_blank_run_keeps_line_numbers(tmp_path: Path) -> None:
    lines = 100 * MB
    record = json.dumps({"id": "after", "text": ENGLISH}).encode() + b"\n"
    jsonl_path = gzip_of_repeated(tmp_path / "late.jsonl.gz", b"\n", lines, record + b"{bad\n")
    table = gzip_of_repeated(tmp_path / "late.csv.gz", b"\n", lines,
                             csv_text([ENGLISH, "row"]).encode(), head=b"text,id\n")
    items = read_paths([jsonl_path, table])
    assert len(items) == 3, [str(item) for item in items]
    assert isinstance(items[0], Document) and items[0].origin == f"{jsonl_path}:{lines + 1}"
    assert_error(items[1], f"{jsonl_path}:{lines + 2}", "not valid JSON")
    assert isinstance(items[2], Document) and items[2].origin == f"{table}:{lines + 2}"


def test_plain_file_of_line_breaks_is_empty(tmp_path: Path) -> None:
    data = b"\n" * (64 * MB)
    names = ["blank.jsonl", "blank.csv"]
    paths = [write(tmp_path / name, data) for name in names]
    items = read_paths(paths)
    assert len(items) == 2
    for item, path in zip(items, paths, strict=True):
        assert_error(item, path, "empty file (only whitespace)")


def test_gzip_ratio_guard_spares_real_and_repetitive_news(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers_module, "_GZIP_FLOOR", 0)  # the ratio alone decides
    news = (ROOT / "examples" / "voa_stories.jsonl").read_bytes()  # compresses ~3 times
    # the same story again and again, new ids: ~87 times
    wire = jsonl_text(*({"id": f"n{i}", "text": ENGLISH} for i in range(3000))).encode()
    paths = [write(tmp_path / "news.jsonl.gz", gzip.compress(news)),
             write(tmp_path / "wire.jsonl.gz", gzip.compress(wire))]
    items = read_paths(paths)
    assert all(isinstance(item, Document) for item in items)
    assert len(items) == news.count(b"\n") + 3000
    junk = write(tmp_path / "junk.jsonl.gz", gzip.compress(b"x\n" * 500_000))  # ~1000 times
    items = read_paths([junk])
    assert_error(items[-1], junk, "decompresses to over 100 times its size")
    assert all(str(item).endswith("not valid JSON (expecting value at column 1)")
               for item in items[:-1])


def _blank_heavy_lines(seed: int) -> list[bytes]:
    import random

    rng = random.Random(seed)
    blanks = [b"", b" ", b"\t", b"\r", b"  \t ", b" " * 90, b"\x0b\x0c", b"\xc2\xa0"]
    content = [
        json.dumps({"text": ENGLISH}).encode(),
        b"   {not json",
        b'  {"text": 5}',
        json.dumps({"text": "War."}).encode(),
        b'{"text": "caf\xe9"}',
    ]
    lines: list[bytes] = []
    for _ in range(400):
        if rng.random() < 0.7:
            lines.extend(rng.choice(blanks) for _ in range(rng.randint(1, 40)))
        else:
            lines.append(rng.choice(content))
    return lines


def _without_bulk_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    def one_by_one(stream: Any, line_cap: int) -> tuple[int, int]:
        return 0, 0

    monkeypatch.setattr(readers_module, "skip_blank_lines", one_by_one)
    monkeypatch.setattr(formats_module, "skip_blank_lines", one_by_one)


@pytest.mark.parametrize("limit", [10, 1000, 2 * MB])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_bulk_skip_gives_what_line_by_line_reading_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int, newline: bytes
) -> None:
    lines = _blank_heavy_lines(seed=limit)
    data = newline.join(lines) + newline
    plain = write(tmp_path / "mixed.jsonl", data)
    packed = write(tmp_path / "mixed.jsonl.gz", gzip.compress(data))
    rows = [b"text,id"] + [
        b'"' + line.replace(b'"', b'""') + b'",' + str(n).encode() if line.strip() else line
        for n, line in enumerate(lines)
    ]
    rows.append(b'"a quoted field\n\n\n   \nwith blank lines inside it",last')
    table = write(tmp_path / "mixed.csv", newline.join(rows) + newline)

    def read_all() -> list[str]:
        stdin = LazyStdin(repeated(data, len(data)))
        items = read_paths([plain, packed, table], max_document_bytes=limit)
        items += list(read_inputs(["-"], stdin=stdin, max_document_bytes=limit))
        return [str(item) if isinstance(item, InputError) else repr(item) for item in items]

    bulk = read_all()
    _without_bulk_skip(monkeypatch)
    assert bulk == read_all()
    if limit == 2 * MB:
        assert any("with blank lines inside it" in item and "\\n\\n\\n" in item for item in bulk)


# --- 2. standard input is never read whole --------------------------------------------------


def test_stdin_text_is_read_only_up_to_the_limit() -> None:
    words = (ENGLISH + " ").encode()
    stdin = LazyStdin(repeated(words, 2500 * MB))  # 2.5 GB, made only as far as it is read
    items = list(read_inputs(["-"], stdin=stdin))
    assert_error(one_error(items), "<stdin>", "document too large: over the 2.0 MB limit")
    assert stdin.served == 2 * MB + 1


def test_stdin_text_within_the_limit_is_a_document() -> None:
    stdin = LazyStdin([b"\n\n  ", ENGLISH.encode()])
    [doc] = list(read_inputs(["-"], stdin=stdin))
    assert isinstance(doc, Document) and doc.id == "stdin" and doc.text.strip() == ENGLISH


def test_stdin_jsonl_is_streamed_line_by_line() -> None:
    line = (json.dumps({"text": ENGLISH}) + "\n").encode()
    stdin = LazyStdin(repeated(line, 2500 * MB))  # 2.5 GB of JSONL
    items = read_inputs(["-"], stdin=stdin)
    first = next(items)
    assert isinstance(first, Document) and first.origin == "<stdin>:1"
    assert stdin.served <= 2 * MB + 1 + 2 * CHUNK
    for n, item in zip(range(2, 5002), items, strict=False):
        assert isinstance(item, Document) and item.origin == f"<stdin>:{n}"
    assert stdin.served < 20 * MB


def test_stdin_of_line_breaks_is_empty() -> None:
    stdin = LazyStdin(repeated(b"\n", 200 * MB))
    items = list(read_inputs(["-"], stdin=stdin))
    assert_error(one_error(items), "<stdin>", "empty input (only whitespace)")


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (json.dumps({"id": "late", "text": ENGLISH}).encode() + b"\n", "late"),
        (b"  " + ENGLISH.encode(), "document too large: over the 2.0 MB limit"),
    ],
    ids=["jsonl", "text"],
)
def test_stdin_after_more_blank_lines_than_the_limit(after: bytes, expected: str) -> None:
    blank = 48 * CHUNK  # over 3 MB
    stdin = LazyStdin(itertools.chain(repeated(b"\n", blank), [after]))
    items = list(read_inputs(["-"], stdin=stdin))
    assert len(items) == 1, [str(item) for item in items]
    if expected == "late":
        assert isinstance(items[0], Document)
        assert (items[0].id, items[0].origin) == ("late", f"<stdin>:{blank + 1}")
    else:
        assert_error(items[0], "<stdin>", expected)


def test_stdin_failing_mid_stream_is_one_error_after_the_lines_read() -> None:
    line = (json.dumps({"text": ENGLISH}) + "\n").encode()
    stdin = LazyStdin(repeated(line, 10 * MB), fail_after=3 * MB)
    items = list(read_inputs(["-"], stdin=stdin))
    assert all(isinstance(item, Document) for item in items[:-1]) and len(items) > 1000
    assert_error(items[-1], "<stdin>", "cannot read standard input (input/output error)")


def test_stdin_failing_at_once() -> None:
    items = list(read_inputs(["-"], stdin=LazyStdin([], fail_after=0)))
    assert_error(one_error(items), "<stdin>", "cannot read standard input (input/output error)")


# --- 3. UTF-16 and UTF-32 with a byte-order mark ---------------------------------------------

WIDE = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}
TITLE = "Talks in Zürich – “progress”"


def wide(text: str, codec: str) -> bytes:
    return WIDE[codec] + text.encode(codec)


@pytest.mark.parametrize("codec", list(WIDE))
def test_utf16_and_utf32_are_decoded_in_every_format(tmp_path: Path, codec: str) -> None:
    records = jsonl_text({"id": "j", "text": ENGLISH, "title": TITLE}, "", {"text": ENGLISH_2})
    paths = [
        write(tmp_path / "a.txt", wide(ENGLISH, codec)),
        write(tmp_path / "b.jsonl", wide(records, codec)),
        write(tmp_path / "c.csv", wide(csv_text(["title", "text"], [TITLE, ENGLISH]), codec)),
        write(tmp_path / "d.html", wide(NEWS_HTML, codec)),
        write(tmp_path / "e.xml", wide(ATOM, codec)),
        write(tmp_path / "f.jsonl.gz", gzip.compress(wide(records, codec))),
    ]
    items = read_paths(paths)
    assert all(isinstance(item, Document) for item in items), [str(i) for i in items]
    by_origin = {item.origin: item for item in items if isinstance(item, Document)}
    assert by_origin[str(paths[0])].text == ENGLISH
    assert by_origin[f"{paths[1]}:1"].title == TITLE
    assert by_origin[f"{paths[1]}:3"].text == ENGLISH_2
    assert (by_origin[f"{paths[2]}:2"].title, by_origin[f"{paths[2]}:2"].text) == (TITLE, ENGLISH)
    assert by_origin[str(paths[3])].title == "Iraq says it killed senior Islamic State leader"
    assert f"{paths[4]}#1" in by_origin and f"{paths[5]}:3" in by_origin


@pytest.mark.parametrize("codec", list(WIDE))
def test_utf16_and_utf32_on_stdin(codec: str) -> None:
    [doc] = list(read_inputs(["-"], stdin=LazyStdin([wide(ENGLISH, codec)])))
    assert isinstance(doc, Document) and doc.text == ENGLISH
    records = jsonl_text({"id": "x", "text": ENGLISH}, "not json")
    items = list(read_inputs(["-"], stdin=LazyStdin([wide(records, codec)])))
    assert len(items) == 2
    assert isinstance(items[0], Document) and items[0].id == "x"
    assert_error(items[1], "<stdin>:2", "not valid JSON")


def test_utf16_size_limit_applies_to_the_utf8_text(tmp_path: Path) -> None:
    # 2 bytes a character in UTF-16: the file is over the limit, its text is not
    fits = write(tmp_path / "fits.txt", wide(ENGLISH, "utf-16-le"))
    assert fits.stat().st_size > 1.5 * len(ENGLISH)
    big = write(tmp_path / "big.txt", wide(ENGLISH + " " + ENGLISH, "utf-16-le"))
    items = read_paths([fits, big], max_document_bytes=len(ENGLISH) + 10)
    assert isinstance(items[0], Document) and items[0].text == ENGLISH
    assert_error(items[1], big, "document too large: over the", "once decoded from UTF-16")


@pytest.mark.parametrize("lines", [1, 400], ids=["at-once", "mid-stream"])
@pytest.mark.parametrize("name", ["bad.txt", "bad.jsonl", "bad.csv"])
def test_bad_utf16_is_one_error_naming_the_offset(tmp_path: Path, name: str, lines: int) -> None:
    header = "text\n" if name.endswith(".csv") else ""
    good = header + (json.dumps({"text": ENGLISH}) + "\n") * lines
    lone_surrogate = b"\x00\xdc"
    data = codecs.BOM_UTF16_LE + good.encode("utf-16-le") + lone_surrogate + b"x\x00\n\x00"
    path = write(tmp_path / name, data)
    items = read_paths([path])
    assert_error(items[-1], path, "not valid UTF-16 (illegal encoding at offset "
                 f"{data.index(lone_surrogate)})")
    if name.endswith(".txt") or lines == 1:
        assert len(items) == 1  # found before the first line is read
    else:  # the lines before the bad data are read
        assert len(items) > 100 and all(isinstance(item, Document) for item in items[:-1])


def test_utf16_with_nul_characters_is_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "nul.txt", wide("abc\x00\x00def" * 50, "utf-16-le"))
    assert_error(one_error(read_paths([path])), path, "binary file (contains NUL bytes)")


@pytest.mark.parametrize("data", [codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE])
def test_byte_order_mark_alone_is_empty(tmp_path: Path, data: bytes) -> None:
    paths = [write(tmp_path / name, data) for name in ("bom.txt", "bom.jsonl", "bom.csv")]
    items = read_paths(paths)
    assert len(items) == 3
    for item, path in zip(items, paths, strict=True):
        assert_error(item, path, "empty file")


# --- 4. one line, whatever the file name or the input holds --------------------------------


@pytest.mark.parametrize(
    "name", ["bad\nname.txt", "bad\rname.jsonl", "tab\tand\x1b[31mred.csv", "nel\x85x.txt"]
)
def test_file_name_with_control_characters_gives_one_line(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, b"")
    error = one_error(read_paths([path]))
    assert error.origin == str(path)
    text = str(error)
    assert text.endswith(": empty file")
    assert not any(ch in text for ch in "\n\r\t\x1b\x85")


def test_message_quoting_the_input_gives_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "header.csv", b"\x1b]0;title\x07id,\"body\nline\"\n1,x\n")
    error = one_error(read_paths([path]))
    assert 'no "text" column' in error.message
    assert "\x1b" not in str(error) and "\x07" not in str(error) and "\n" not in str(error)


# --- other ways one input could blow up -----------------------------------------------------


def test_json_number_with_too_many_digits_is_an_error_for_that_line(tmp_path: Path) -> None:
    path = write(tmp_path / "digits.jsonl", '{"text": "x", "n": ' + "1" * 5000 + "}\n"
                 + json.dumps({"text": ENGLISH}) + "\n")
    items = read_paths([path])
    assert_error_then_document(items, f"{path}:1", "not valid JSON (a number over")


def test_path_with_a_nul_character() -> None:
    error = one_error(read_paths(["bad\x00name.txt"]))
    assert error.message == "not a valid path (contains a NUL character)"


def test_html_page_of_too_many_tags_is_one_error(tmp_path: Path) -> None:
    # 400,000 paragraphs in 18 MB (within the 20 MB page limit): minutes in the extractor
    paragraphs = b"<p>The army attacked the town again today.</p>" * 400_000
    path = write(tmp_path / "many.html", b"<html><body><article>" + paragraphs + b"</article>")
    error = one_error(read_paths([path]))
    assert_error(error, path, "page too complex to extract: over 200,000 tags")


def test_file_name_that_is_not_utf8_gives_printable_ids_and_origins(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    txt = write(Path(os.fsdecode(folder + b"/caf\xe9.txt")), ENGLISH)
    records = write(Path(os.fsdecode(folder + b"/r\xe9sum\xe9.jsonl")),
                    jsonl_text({"text": ENGLISH}))
    empty = write(Path(os.fsdecode(folder + b"/vide\xff.txt")), b"")
    items = read_paths([txt, records, empty])
    assert isinstance(items[0], Document) and items[0].id == "caf\\xe9"
    assert items[0].origin == f"{tmp_path}/caf\\xe9.txt"
    assert isinstance(items[1], Document) and items[1].id == "r\\xe9sum\\xe9:1"
    assert isinstance(items[2], InputError) and items[2].origin == str(empty)
    for item in items:
        text = str(item) if isinstance(item, InputError) else f"{item.id} {item.origin}"
        text.encode("utf-8")  # no lone surrogates left


# --- through the command line (one run: the models load once) -------------------------------


def test_cli_one_line_per_problem_for_odd_names_wide_text_and_big_stdin(tmp_path: Path) -> None:
    odd = write(tmp_path / "bad\nname.txt", b"")
    utf16 = write(tmp_path / "utf16.txt", wide(GOOD, "utf-16-le"))
    big = (ENGLISH + " ").encode() * (3 * MB // len(ENGLISH))  # over --max-mb 2
    result = run_cli("code", str(odd), str(utf16), "-", "--format", "jsonl", stdin=big)
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert result.returncode == 0
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {tmp_path}/bad\\nname.txt: empty file",
        "error: <stdin>: document too large: over the 2.0 MB limit",
    ], stderr
    assert not any(line.startswith("name.txt") for line in stderr.splitlines())
    assert "1 documents coded" in stderr
    assert {record["doc_id"] for record in jsonl(result.stdout)} == {"utf16"}
