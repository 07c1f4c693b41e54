"""Tests for redline.ingest: input readers with bad input reported, never raised."""

from __future__ import annotations

import io
import json
import time
from datetime import date
from pathlib import Path

import pytest

from redline.ingest import looks_english, parse_date, read_inputs
from redline.records import Document
from tests.conftest import shared_path
from tests.helpers import (
    ENGLISH,
    ENGLISH_2,
    GERMAN,
    OpenSpy,
    assert_error,
    assert_error_then_document,
    assert_streamed,
    docs_of,
    errors_of,
    jsonl_text,
    read_paths,
    unreadable,
    write,
)

FOREIGN = {
    "german": GERMAN,
    "french": (
        "Le président français a reçu jeudi à l'Élysée son homologue allemand pour discuter de "
        "la guerre en Ukraine. Les deux dirigeants ont appelé à un cessez-le-feu immédiat et à "
        "la reprise des négociations. Selon un communiqué, ils se reverront à Bruxelles le mois "
        "prochain."
    ),
    "spanish": (
        "El Gobierno de México anunció el martes que enviará una delegación a Washington para "
        "negociar los aranceles impuestos por Estados Unidos. La presidenta Claudia Sheinbaum "
        "afirmó que su país no aceptará presiones y que buscará un acuerdo justo. Las "
        "conversaciones comenzarán la próxima semana."
    ),
    "russian": (
        "Министерство иностранных дел России в среду выразило протест в связи с новыми "
        "санкциями Европейского союза. Официальный представитель ведомства заявила, что Москва "
        "примет ответные меры. По её словам, подобные решения лишь усиливают напряжённость в "
        "регионе."
    ),
    "chinese": (
        "中国外交部发言人周三在例行记者会上表示，中方坚决反对任何国家干涉中国内政。"
        "她说，中方愿同各方加强沟通，共同维护地区和平与稳定。双方将于下月在北京举行新一轮磋商。"
    ),
    "arabic": (
        "أعلنت وزارة الخارجية المصرية يوم الثلاثاء أن القاهرة ستستضيف جولة جديدة من المحادثات "
        "بشأن وقف إطلاق النار في غزة. وقال المتحدث باسم الوزارة إن الوفود ستصل خلال الأيام "
        "المقبلة. ودعت مصر جميع الأطراف إلى التحلي بضبط النفس."
    ),
    "korean": (
        "한국 정부는 수요일 북한의 미사일 발사를 강력히 규탄한다고 밝혔다. 외교부 대변인은 "
        "이번 발사가 유엔 안전보장이사회 결의를 명백히 위반한 것이라고 말했다. 정부는 미국, "
        "일본과 긴밀히 협력해 대응할 방침이다."
    ),
    "italian": (
        "Il presidente del Consiglio ha incontrato ieri a Roma il cancelliere tedesco per "
        "discutere della crisi energetica. I due leader hanno concordato di rafforzare la "
        "cooperazione e di presentare una proposta comune a Bruxelles entro la fine del mese."
    ),
    "indonesian": (
        "Pemerintah Indonesia pada hari Rabu mengumumkan akan mengirim bantuan kemanusiaan ke "
        "Gaza. Menteri Luar Negeri mengatakan bahwa bantuan tersebut akan diberangkatkan dari "
        "Jakarta pekan depan. Presiden juga menyerukan gencatan senjata segera di wilayah itu."
    ),
}


# --- .txt -----------------------------------------------------------------------------------


def test_txt_document_gets_stem_default_date_and_origin(tmp_path: Path) -> None:
    path = write(tmp_path / "story-1.txt", ENGLISH)
    [doc] = read_paths([path], default_date=date(2024, 6, 21))
    assert isinstance(doc, Document)
    assert doc.id == "story-1"
    assert doc.text == ENGLISH
    assert doc.date == date(2024, 6, 21)
    assert doc.origin == str(path)
    assert doc.title == ""


def test_txt_without_default_date_has_no_date(tmp_path: Path) -> None:
    [doc] = read_paths([write(tmp_path / "a.txt", ENGLISH)])
    assert isinstance(doc, Document) and doc.date is None


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + ENGLISH.encode())
    [doc] = read_paths([path])
    assert isinstance(doc, Document) and doc.text == ENGLISH


def test_missing_path_is_reported_and_run_continues(tmp_path: Path, good_txt: Path) -> None:
    missing = tmp_path / "nope.txt"
    items = read_paths([missing, good_txt])
    assert len(items) == 2
    assert_error(items[0], missing, "no such file or directory")
    assert isinstance(items[1], Document) and items[1].id == "good"


def test_unsupported_extension_given_explicitly(tmp_path: Path, good_txt: Path) -> None:
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.4 whatever")
    bare = write(tmp_path / "README", ENGLISH)
    items = read_paths([pdf, bare, good_txt])
    assert len(items) == 3
    assert_error(items[0], pdf, "unsupported file type '.pdf'", ".txt", ".jsonl")
    assert_error(items[1], bare, "unsupported file type (no extension)")
    assert isinstance(items[2], Document)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "empty file"), (b"  \n\t\r\n  ", "empty file (only whitespace)")],
    ids=["zero-bytes", "whitespace"],
)
def test_empty_txt(tmp_path: Path, good_txt: Path, content: bytes, fragment: str) -> None:
    path = write(tmp_path / "empty.txt", content)
    assert_error_then_document(read_paths([path, good_txt]), path, fragment)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (ENGLISH.encode() + b"\x00\x00\x01" + ENGLISH.encode(), "binary file (contains NUL bytes)"),
        (bytes(range(1, 32)) * 20 + b"some text", "control characters in the first 8 KB"),
    ],
    ids=["nul", "control-chars"],
)
def test_binary_txt(tmp_path: Path, good_txt: Path, content: bytes, fragment: str) -> None:
    path = write(tmp_path / "blob.txt", content)
    assert_error_then_document(read_paths([path, good_txt]), path, "binary file", fragment)


def test_a_few_control_characters_are_not_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "ok.txt", ENGLISH.encode() + b"\x1b\x07\x0c")
    [doc] = read_paths([path])
    assert isinstance(doc, Document)


def test_invalid_utf8_names_byte_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", b"The minister said " + b"\xff" + b" nothing new.")
    bom = write(tmp_path / "bom-latin1.txt", b"\xef\xbb\xbfThe caf\xe9 was closed by the police.")
    items = read_paths([path, bom])
    assert len(items) == 2
    assert_error(items[0], path, "not valid UTF-8 (byte 0xff at offset 18)")
    # Offsets count from the start of the file, BOM included.
    assert_error(items[1], bom, "not valid UTF-8 (byte 0xe9 at offset 10)")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, good_txt: Path) -> None:
    locked = write(tmp_path / "locked.txt", ENGLISH)
    locked_jsonl = write(tmp_path / "locked.jsonl", jsonl_text({"text": ENGLISH}))
    with unreadable(monkeypatch, locked, locked_jsonl):
        items = read_paths([locked, locked_jsonl, good_txt])
    assert len(items) == 3
    assert_error(items[0], locked, "cannot read file (permission denied)")
    assert_error(items[1], locked_jsonl, "cannot read file (permission denied)")
    assert isinstance(items[2], Document)


def test_huge_txt_rejected_from_its_size_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, good_txt: Path
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(20 * 1_000_000)  # sparse: 20 MB of NUL bytes, so a read would say binary
    spy = OpenSpy(monkeypatch)
    start = time.perf_counter()
    items = read_paths([huge, good_txt])
    elapsed = time.perf_counter() - start
    assert_error_then_document(items, huge, "document too large: 20.0 MB, over the 2.0 MB limit")
    assert str(huge) not in spy.names
    assert elapsed < 1.0


def test_max_document_bytes_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ENGLISH)
    [item] = read_paths([path], max_document_bytes=100)
    assert_error(item, path, "document too large", f"{len(ENGLISH.encode())} bytes", "100 bytes")
    [doc] = read_paths([path], max_document_bytes=len(ENGLISH.encode()))
    assert isinstance(doc, Document)


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_non_english_txt_rejected(tmp_path: Path, good_txt: Path, language: str) -> None:
    path = write(tmp_path / f"{language}.txt", FOREIGN[language])
    items = read_paths([path, good_txt])
    assert_error_then_document(items, path, "does not look like English text")


# --- .jsonl ---------------------------------------------------------------------------------


def test_jsonl_good_bad_bad_good(tmp_path: Path) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        jsonl_text(
            {
                "id": "a",
                "text": ENGLISH,
                "title": "Leader killed",
                "url": "https://x",
                "source": "VOA",
            },
            "{this is not json",
            {"id": "c", "title": "no text here"},
            {"id": 4, "text": ENGLISH_2},
        ),
    )
    items = read_paths([path])
    assert [type(item).__name__ for item in items] == [
        "Document",
        "InputError",
        "InputError",
        "Document",
    ]
    first, bad_json, no_text, last = items
    assert isinstance(first, Document) and isinstance(last, Document)
    assert (first.id, first.title, first.url, first.source) == (
        "a",
        "Leader killed",
        "https://x",
        "VOA",
    )
    assert first.origin == f"{path}:1"
    assert_error(bad_json, f"{path}:2", "not valid JSON")
    assert_error(no_text, f"{path}:3", 'missing "text" field')
    assert last.id == "4" and last.origin == f"{path}:4"


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("[1, 2, 3]", "not a JSON object (got array)"),
        ('"just a string"', "not a JSON object (got string)"),
        ('{"text": 42}', '"text" is not a string (got number)'),
        ('{"text": null}', '"text" is not a string (got null)'),
        ('{"text": "   "}', '"text" is empty'),
        ('{"text": ""}', '"text" is empty'),
        ('{"id": {"a": 1}, "text": "Talks resumed."}', '"id" must be a string or number'),
        ('{"text": "Talks resumed.", "title": 7}', '"title" is not a string (got number)'),
        ('{"text": "Talks resumed \\ud800 today."}', '"text" has an unpaired surrogate'),
        ("[" * 100_000, "not valid JSON"),
    ],
    ids=[
        "array",
        "string",
        "text-number",
        "text-null",
        "text-blank",
        "text-empty",
        "id-object",
        "title-number",
        "surrogate",
        "deep-nesting",
    ],
)
def test_jsonl_bad_line(tmp_path: Path, line: str, fragment: str) -> None:
    path = write(tmp_path / "feed.jsonl", jsonl_text(line, {"text": ENGLISH}))
    items = read_paths([path])
    assert len(items) == 2
    assert_error(items[0], f"{path}:1", fragment)
    assert isinstance(items[1], Document) and items[1].origin == f"{path}:2"


def test_jsonl_missing_id_uses_stem_and_line_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "wire.jsonl",
        "\n" + jsonl_text({"text": ENGLISH}) + "   \n\n" + jsonl_text({"text": ENGLISH_2}),
    )
    items = read_paths([path])
    assert [item.id for item in docs_of(items)] == ["wire:2", "wire:5"]
    assert [item.origin for item in docs_of(items)] == [f"{path}:2", f"{path}:5"]
    assert not errors_of(items)


def test_jsonl_dates(tmp_path: Path) -> None:
    path = write(
        tmp_path / "dates.jsonl",
        jsonl_text(
            {"id": "a", "text": ENGLISH, "date": "2024-06-21"},
            {"id": "b", "text": ENGLISH, "published": "2024-06-21T10:00:00Z"},
            {"id": "c", "text": ENGLISH, "published": "2025-03-14 20:30:26Z"},
            {"id": "d", "text": ENGLISH, "published": "2024-06-21 23:30:00+02:00"},
            {"id": "e", "text": ENGLISH},
            {"id": "f", "text": ENGLISH, "published": "last Tuesday"},
            {"id": "g", "text": ENGLISH, "date": 20240621},
            {"id": "h", "text": ENGLISH, "date": None, "published": "2023-01-02"},
        ),
    )
    items = read_paths([path], default_date=date(2000, 1, 1))
    by_id = {item.id: item.date for item in docs_of(items)}
    assert by_id == {
        "a": date(2024, 6, 21),
        "b": date(2024, 6, 21),
        "c": date(2025, 3, 14),
        "d": date(2024, 6, 21),  # the calendar date as written, not converted to UTC
        "e": date(2000, 1, 1),
        "h": date(2023, 1, 2),
    }
    errors = errors_of(items)
    assert len(errors) == 2
    assert_error(errors[0], f"{path}:6", 'unparseable "published" "last Tuesday"')
    assert_error(errors[1], f"{path}:7", 'unparseable "date" 20240621')


def test_jsonl_invalid_utf8_is_an_error_for_that_line_only(tmp_path: Path) -> None:
    first = json.dumps({"text": ENGLISH}).encode() + b"\n"
    bad = b'{"text": "caf\xe9 talks"}\n'
    path = write(tmp_path / "mixed.jsonl", b"\xef\xbb\xbf" + first + bad + first)
    items = read_paths([path])
    assert len(items) == 3
    assert isinstance(items[0], Document) and isinstance(items[2], Document)
    offset = 3 + len(first) + bad.index(b"\xe9")
    assert_error(items[1], f"{path}:2", f"not valid UTF-8 (byte 0xe9 at offset {offset})")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "empty file"), (b"\n  \n\t\n", "empty file (only whitespace)")],
    ids=["zero-bytes", "blank-lines"],
)
def test_empty_jsonl(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = write(tmp_path / "empty.jsonl", content)
    items = read_paths([path])
    assert len(items) == 1
    assert_error(items[0], path, fragment)


def test_binary_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path / "blob.jsonl", b'{"text": "x"}\n\x00\x01\x02\x03')
    good = write(tmp_path / "good.jsonl", jsonl_text({"text": ENGLISH}))
    items = read_paths([path, good])
    assert_error_then_document(items, path, "binary file (contains NUL bytes)")


def test_jsonl_document_too_large(tmp_path: Path) -> None:
    limit = 1_000
    big_text = (ENGLISH + " ") * 10  # ~2.4 KB: parsed, then rejected on its text size
    huge_text = (ENGLISH + " ") * 100  # ~24 KB line: over 4x the limit, skipped unparsed
    path = write(
        tmp_path / "big.jsonl",
        jsonl_text({"text": big_text}, {"text": ENGLISH}, {"text": huge_text}, {"text": ENGLISH_2}),
    )
    items = read_paths([path], max_document_bytes=limit)
    assert len(items) == 4
    big_kb = f"{len(big_text.encode()) / 1000:.1f} KB"
    huge_line_kb = f"{len(json.dumps({'text': huge_text}).encode()) / 1000:.1f} KB"
    assert_error(items[0], f"{path}:1", f"document too large: {big_kb}, over the 1.0 KB limit")
    assert isinstance(items[1], Document) and items[1].origin == f"{path}:2"
    assert_error(items[2], f"{path}:3", f"document too large: {huge_line_kb}, over the 1.0 KB")
    assert isinstance(items[3], Document) and items[3].origin == f"{path}:4"


@pytest.mark.parametrize("language", ["german", "russian", "chinese"])
def test_non_english_jsonl_line(tmp_path: Path, language: str) -> None:
    lines = jsonl_text({"text": FOREIGN[language]}, {"text": ENGLISH})
    path = write(tmp_path / "mixed.jsonl", lines)
    items = read_paths([path])
    assert_error_then_document(items, f"{path}:1", "does not look like English text")


def test_jsonl_is_streamed_line_by_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = jsonl_text(*({"id": i, "text": ENGLISH} for i in range(2000)))
    path = write(tmp_path / "many.jsonl", lines)
    assert_streamed(monkeypatch, path, count=2000, part=100)


def test_inputs_are_processed_lazily_in_order(tmp_path: Path) -> None:
    first = write(tmp_path / "first.txt", ENGLISH)
    later = tmp_path / "later.txt"
    iterator = read_inputs([str(first), str(later)])
    assert isinstance(next(iterator), Document)
    write(later, ENGLISH_2)  # created only after the first document was handed out
    second = next(iterator)
    assert isinstance(second, Document) and second.id == "later"


# --- directories ----------------------------------------------------------------------------


def test_directory_is_read_recursively_sorted_skipping_other_files(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "b.txt", ENGLISH)
    write(
        root / "a" / "z.jsonl",
        jsonl_text({"id": "z1", "text": ENGLISH}, {"id": "z2", "text": ENGLISH_2}),
    )
    write(root / "a" / "notes.md", "# skipped")
    write(root / "c.pdf", b"%PDF")
    write(root / "C.TXT", ENGLISH_2)
    write(root / ".hidden" / "x.txt", ENGLISH)
    items = read_paths([root])
    assert not errors_of(items)
    assert [item.id for item in docs_of(items)] == ["C", "z1", "z2", "b"]
    assert docs_of(items)[1].origin == f"{root / 'a' / 'z.jsonl'}:1"


@pytest.mark.parametrize("with_other_files", [False, True])
def test_directory_without_inputs(tmp_path: Path, good_txt: Path, with_other_files: bool) -> None:
    root = tmp_path / "nothing"
    root.mkdir()
    if with_other_files:
        write(root / "sub" / "paper.pdf", b"%PDF")
    items = read_paths([root, good_txt])
    fragments = ("directory has no .txt, .jsonl, ", ".atom files (plain or .gz)")
    assert_error_then_document(items, root, *fragments)


def test_directory_bad_files_each_reported(tmp_path: Path) -> None:
    root = tmp_path / "in"
    empty = write(root / "1-empty.txt", b"")
    feed = write(root / "2-feed.jsonl", jsonl_text({"text": ENGLISH}, "oops"))
    write(root / "3-good.txt", ENGLISH)
    items = read_paths([root])
    assert len(items) == 4
    assert_error(items[0], empty, "empty file")
    assert isinstance(items[1], Document)
    assert_error(items[2], f"{feed}:2", "not valid JSON")
    assert isinstance(items[3], Document) and items[3].id == "3-good"


# --- stdin ----------------------------------------------------------------------------------


def test_stdin_text() -> None:
    [doc] = list(read_inputs(["-"], date(2024, 1, 2), stdin=io.BytesIO(b"\n  " + ENGLISH.encode())))
    assert isinstance(doc, Document)
    assert (doc.id, doc.origin, doc.date) == ("stdin", "<stdin>", date(2024, 1, 2))
    assert doc.text.strip() == ENGLISH


def test_stdin_jsonl() -> None:
    lines = jsonl_text({"id": "x", "text": ENGLISH}, "not json", {"text": ENGLISH_2})
    data = ("  " + lines).encode()
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert len(items) == 3
    assert isinstance(items[0], Document) and items[0].origin == "<stdin>:1"
    assert_error(items[1], "<stdin>:2", "not valid JSON")
    assert isinstance(items[2], Document) and items[2].id == "stdin:3"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty input"),
        (b"  \n ", "empty input (only whitespace)"),
        (b"abc\x00def", "binary file"),
        (b"The talks \xc3 failed.", "not valid UTF-8 (byte 0xc3 at offset 10)"),
        (FOREIGN["french"].encode(), "does not look like English text"),
    ],
    ids=["empty", "whitespace", "binary", "utf8", "french"],
)
def test_stdin_bad(data: bytes, fragment: str, good_txt: Path) -> None:
    items = list(read_inputs(["-", str(good_txt)], stdin=io.BytesIO(data)))
    assert_error_then_document(items, "<stdin>", fragment)


def test_stdin_too_large() -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(ENGLISH.encode()), max_document_bytes=50))
    assert len(items) == 1
    assert_error(items[0], "<stdin>", "document too large")


# --- checks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_looks_english_rejects_other_languages(language: str) -> None:
    assert not looks_english(FOREIGN[language])


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        ENGLISH_2,
        "Russia attacked Ukraine.",
        "Le Pen met de Gaulle's grandson in Los Angeles and said the deal was off.",
        "Spanish league results on Saturday:\n\nValencia 1 (Vicente 74) Athletic Bilbao 1",
    ],
)
def test_looks_english_accepts_english(text: str) -> None:
    assert looks_english(text)


def test_parse_date() -> None:
    assert parse_date("2024-06-21") == date(2024, 6, 21)
    assert parse_date("2024-06-21T10:00:00Z") == date(2024, 6, 21)
    assert parse_date("2025-03-14 20:30:26Z") == date(2025, 3, 14)
    assert parse_date("2024-06-21 10:00:00+02:00") == date(2024, 6, 21)
    assert parse_date("21/06/2024") is None
    assert parse_date(None) is None


def test_single_string_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        list(read_inputs("story.txt"))


# --- shared corpora -------------------------------------------------------------------------


def test_voa_corpus_reads_cleanly() -> None:
    path = shared_path("data", "corpora", "voa_stories.jsonl")
    items = read_paths([path])
    assert not errors_of(items), [str(e) for e in errors_of(items)][:5]
    docs = docs_of(items)
    assert len(docs) == sum(
        1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    )
    assert all(doc.date is not None and doc.title and doc.url for doc in docs)


def test_afp_xinhua_first_200_look_english() -> None:
    path = shared_path("data", "corpora", "afp_xinhua_newswire.jsonl")
    with path.open(encoding="utf-8") as stream:
        rows = [json.loads(line) for _, line in zip(range(200), stream, strict=False)]
    rejected = [row["id"] for row in rows if not looks_english(row["text"])]
    assert rejected == []


def test_voa_stories_all_look_english() -> None:
    path = shared_path("data", "corpora", "voa_stories.jsonl")
    with path.open(encoding="utf-8") as stream:
        rows = [json.loads(line) for line in stream if line.strip()]
    assert [row["id"] for row in rows if not looks_english(row["text"])] == []
