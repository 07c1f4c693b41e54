"""Tests for the CSV, HTML, RSS/Atom and gzip inputs of redline.ingest.read_inputs."""

from __future__ import annotations

import csv
import gzip
import socket
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from redline.ingest import InputError
from redline.ingest.formats import html_to_text
from redline.records import Document
from tests.helpers import (
    ATOM,
    ENGLISH,
    ENGLISH_2,
    GERMAN,
    NEWS_HTML,
    assert_error,
    assert_error_then_document,
    assert_streamed,
    csv_text,
    docs_of,
    errors_of,
    read_paths,
    unreadable,
    write,
    write_gz,
)

BARE_HTML = f"""<html><head><title>Ministers meet in Paris</title></head>
<body><div class="story"><p>{ENGLISH_2}</p></div></body></html>
"""

NAV_ONLY_HTML = """<!DOCTYPE html>
<html><head><title>World News Daily</title></head>
<body><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/contact">Contact us</a></li>
</ul></nav></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>World Wire</title>
  <link>https://wire.example.com/</link>
  <description>Top stories</description>
  <item>
    <title>Iraq says it killed senior Islamic State leader</title>
    <link>https://wire.example.com/iraq-isis</link>
    <guid isPermaLink="false">wire-0001</guid>
    <pubDate>Fri, 21 Jun 2024 23:30:00 -0300</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>Iraqi Prime Minister Mohammed Shia al-Sudani said on
      Friday that the country's intelligence service had killed a senior Islamic State
      leader.</p><script>alert("x")</script><p>U.S. officials said the operation was carried
      out with the support of the coalition &amp; its partners.</p>]]></content:encoded>
  </item>
  <item>
    <title>Ministers meet in Paris</title>
    <link>https://wire.example.com/paris-talks</link>
    <pubDate>Tue, 25 Jun 2024 09:00:00 GMT</pubDate>
    <description>&lt;p&gt;The foreign ministers of France and Germany &lt;b&gt;met&lt;/b&gt;
      in Paris on Tuesday.&lt;/p&gt;&lt;p&gt;They said that both countries would keep up
      their support for Kyiv.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Talks resume</title>
    <description>Negotiators from the two countries said on Wednesday that the talks would
      resume next week in Geneva.</description>
  </item>
</channel>
</rss>
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the readers must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# --- CSV ------------------------------------------------------------------------------------


def test_csv_one_document_per_row(tmp_path: Path) -> None:
    multi_line = f'{ENGLISH}\n\nA second paragraph, with a comma and a "quote".'
    path = write(
        tmp_path / "wire.csv",
        csv_text(
            ["id", "Title", " text ", "date", "url", "source", "notes"],
            ["a1", "Leader killed", ENGLISH, "2024-06-21", "https://x/a1", "VOA", "n"],
            ["", "  Two   lines ", multi_line, "2024-06-22T23:30:00+02:00", "", "AFP", ""],
            ["", "", ENGLISH_2, "", "", "", ""],
        ),
    )
    items = read_paths([path], default_date=date(2000, 1, 1))
    assert not errors_of(items)
    first, second, third = docs_of(items)
    assert (first.id, first.title, first.text, first.date, first.url, first.source) == (
        "a1",
        "Leader killed",
        ENGLISH,
        date(2024, 6, 21),
        "https://x/a1",
        "VOA",
    )
    assert first.origin == f"{path}:2"
    # a quoted field over three lines: the record starts on line 3, the next one on line 6
    assert (second.id, second.origin, second.title) == ("wire:3", f"{path}:3", "Two lines")
    assert second.text == multi_line
    assert second.date == date(2024, 6, 22)
    assert (third.id, third.origin, third.date) == ("wire:6", f"{path}:6", date(2000, 1, 1))


def test_csv_published_column_bom_crlf_and_blank_lines(tmp_path: Path) -> None:
    content = f'\ufefftext,published\r\n"{ENGLISH}",2024-06-21T10:00:00Z\r\n\r\n"{ENGLISH_2}",\r\n'
    path = write(tmp_path / "pub.csv", content)
    items = read_paths([path], default_date=date(2000, 1, 1))
    assert not errors_of(items)
    assert [(d.id, d.date, d.text) for d in docs_of(items)] == [
        ("pub:2", date(2024, 6, 21), ENGLISH),
        ("pub:4", date(2000, 1, 1), ENGLISH_2),
    ]


def test_csv_bad_rows_are_errors_for_that_row_only(tmp_path: Path) -> None:
    path = write(
        tmp_path / "rows.csv",
        "id,text,date\n"
        f'ok1,"{ENGLISH}",2024-06-21\n'
        "empty,   ,2024-06-21\n"  # line 3: blank text
        f'baddate,"{ENGLISH}",last Tuesday\n'  # line 4
        f'extra,"{ENGLISH}",2024-06-21,surplus\n'  # line 5: 4 fields, the header has 3
        "short,only two\n"  # line 6
        f'quote,"{ENGLISH}"x,2024-06-21\n'  # line 7: text after a closing quote
        f'german,"{GERMAN}",2024-06-21\n'  # line 8
        f'ok2,"{ENGLISH_2}",2024-06-22\n',
    )
    items = read_paths([path])
    assert [type(item).__name__ for item in items] == ["Document"] + ["InputError"] * 6 + [
        "Document"
    ]
    assert_error(items[1], f"{path}:3", '"text" is empty')
    assert_error(items[2], f"{path}:4", 'unparseable "date" "last Tuesday"', "YYYY-MM-DD")
    assert_error(items[3], f"{path}:5", "row has 4 fields, the header has 3")
    assert_error(items[4], f"{path}:6", "row has 2 fields, the header has 3")
    assert_error(items[5], f"{path}:7", "malformed CSV")
    assert_error(items[6], f"{path}:8", "does not look like English text")
    assert [d.id for d in docs_of(items)] == ["ok1", "ok2"]


def test_csv_unclosed_quote_is_one_error(tmp_path: Path) -> None:
    path = write(
        tmp_path / "open.csv",
        f'text\n"{ENGLISH}"\n"{ENGLISH_2}\nmore text\n',
    )
    items = read_paths([path])
    assert len(items) == 2
    assert isinstance(items[0], Document) and items[0].origin == f"{path}:2"
    assert_error(items[1], f"{path}:3", "malformed CSV", "quoted field is not closed")


def test_csv_runaway_quoted_field(tmp_path: Path) -> None:
    runaway = "".join(f"{ENGLISH_2}\n" for _ in range(5))  # ~800 characters over 5 lines
    path = write(tmp_path / "runaway.csv", f'text\n"{runaway}\n"{ENGLISH}"\n')
    old_limit = csv.field_size_limit(500)
    try:
        items = read_paths([path], max_document_bytes=100)  # a line cap of 402 bytes: 500 is kept
    finally:
        csv.field_size_limit(old_limit)
    assert_error(items[0], f"{path}:2", "malformed CSV (a field is longer than 500 characters")
    assert all(isinstance(item, InputError) for item in items)


def test_csv_without_text_column_is_one_error(tmp_path: Path, good_txt: Path) -> None:
    path = write(
        tmp_path / "notext.csv",
        csv_text(["id", "headline", "body"], ["1", "x", ENGLISH], ["2", "y", ENGLISH_2]),
    )
    items = read_paths([path, good_txt])
    assert_error_then_document(items, path, 'no "text" column (columns: id, headline, body)')


def test_csv_duplicate_text_column_is_one_error(tmp_path: Path) -> None:
    path = write(tmp_path / "dup.csv", csv_text(["text", "Text"], [ENGLISH, ENGLISH_2]))
    [item] = read_paths([path])
    assert_error(item, path, 'duplicate "text" column (columns 1 and 2)')


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty file"),
        (b"\n \n", "empty file (only whitespace)"),
        (b"id,text,date\n", "no rows after the header"),
    ],
    ids=["zero-bytes", "blank", "header-only"],
)
def test_csv_without_rows(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = write(tmp_path / "empty.csv", content)
    [item] = read_paths([path])
    assert_error(item, path, fragment)


def test_csv_bad_encoding_is_an_error_for_that_row(tmp_path: Path) -> None:
    head = f'text,title\n"{ENGLISH}",ok\n'.encode()
    bad = b'"The caf\xe9 was closed by the police on Monday.",latin-1\n'
    tail = f'"{ENGLISH_2}",ok\n'.encode()
    path = write(tmp_path / "latin1.csv", head + bad + tail)
    items = read_paths([path])
    assert len(items) == 3
    offset = len(head) + bad.index(b"\xe9")
    assert_error(items[1], f"{path}:3", f"not valid UTF-8 (byte 0xe9 at offset {offset})")
    assert isinstance(items[0], Document) and isinstance(items[2], Document)
    assert items[2].origin == f"{path}:4"


def test_csv_bad_encoding_in_header_is_one_error(tmp_path: Path) -> None:
    path = write(tmp_path / "header.csv", b"t\xe9xt,id\n" + f'"{ENGLISH}",1\n'.encode())
    [item] = read_paths([path])
    assert_error(item, f"{path}:1", "not valid UTF-8 (byte 0xe9 at offset 1)")


def test_binary_data_named_csv(tmp_path: Path, good_txt: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    path = write(tmp_path / "image.csv", png)
    items = read_paths([path, good_txt])
    assert_error_then_document(items, path, "binary file (contains NUL bytes)")


def test_csv_document_too_large(tmp_path: Path) -> None:
    limit = 1_000
    big = (ENGLISH + " ") * 10  # ~2.4 KB: parsed, then rejected on its size
    huge = (ENGLISH + " ") * 100  # ~24 KB line: over 4x the limit, skipped unparsed
    path = write(tmp_path / "big.csv", csv_text(["text"], [big], [ENGLISH], [huge], [ENGLISH_2]))
    items = read_paths([path], max_document_bytes=limit)
    assert len(items) == 4
    assert_error(items[0], f"{path}:2", "document too large", "over the 1.0 KB limit")
    assert isinstance(items[1], Document) and items[1].origin == f"{path}:3"
    assert_error(items[2], f"{path}:4", "document too large", "over the 1.0 KB limit")
    assert isinstance(items[3], Document) and items[3].origin == f"{path}:5"


def test_csv_large_field_within_the_limit_is_read(tmp_path: Path) -> None:
    text = (ENGLISH + " ") * 1000  # ~240 KB, over Python's default CSV field limit
    [doc] = read_paths([write(tmp_path / "long.csv", csv_text(["text"], [text]))])
    assert isinstance(doc, Document) and doc.text == text


def test_csv_is_streamed_record_by_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [[str(i), ENGLISH] for i in range(2000)]
    path = write(tmp_path / "many.csv", csv_text(["id", "text"], *rows))
    assert_streamed(monkeypatch, path, count=2000, part=20)


# --- HTML -----------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata(tmp_path: Path, no_network: None) -> None:
    path = write(tmp_path / "iraq-story.html", NEWS_HTML)
    [doc] = read_paths([path], default_date=date(2000, 1, 1))
    assert isinstance(doc, Document)
    assert doc.id == "iraq-story"
    assert doc.origin == str(path)
    assert doc.title == "Iraq says it killed senior Islamic State leader"
    assert doc.date == date(2024, 6, 21)
    assert doc.url == "https://news.example.com/world/iraq-isis-leader-killed"
    assert doc.source == "World News Daily"
    lines = doc.text.split("\n")
    assert lines[0].startswith("Iraqi Prime Minister Mohammed Shia al-Sudani said on Friday")
    assert "the western desert." in doc.text and "Anbar and Nineveh provinces." in doc.text
    assert len(lines) == 3  # one paragraph per line; the headline is the title, not text
    for boilerplate in ("Subscribe", "Most read", "Celebrity", "Copyright", "Cookie", "analytics"):
        assert boilerplate not in doc.text


def test_html_without_metadata_uses_title_tag_and_default_date(tmp_path: Path) -> None:
    path = write(tmp_path / "Paris.HTM", BARE_HTML)
    [doc] = read_paths([path], default_date=date(2024, 6, 25))
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.date, doc.url) == (
        "Paris",
        "Ministers meet in Paris",
        date(2024, 6, 25),
        "",
    )
    assert doc.text == ENGLISH_2


def test_html_in_another_encoding(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9 closed</title></head><body>'
        "<article><p>The caf\xe9 near the ministry was closed by the police on Monday after "
        "protesters gathered outside the building in the capital.</p></article></body></html>"
    )
    [doc] = read_paths([write(tmp_path / "cafe.html", page.encode("cp1252"))])
    assert isinstance(doc, Document) and "The café near the ministry" in doc.text


# bad pages, each with what its error says: test_bad_page_or_feed_is_one_error
BAD_HTML: dict[str, tuple[str | bytes, str]] = {
    "nav-only": (NAV_ONLY_HTML, "no article text found in the HTML"),
    "script-only": (
        "<html><body><script>var x = 1;</script></body></html>",
        "no article text found",
    ),
    "zero-bytes": ("", "empty file"),
    "whitespace": ("  \n ", "empty file (only whitespace)"),
    "binary": (b"<html>\x00\x01\x02\x00</html>", "binary file (contains NUL bytes)"),
    "german": (
        f"<html><body><article><p>{GERMAN}</p></article></body></html>",
        "does not look like English text",
    ),
}


def test_html_page_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.html", NEWS_HTML)
    [item] = read_paths([path], max_document_bytes=100)  # pages may be 10x the document limit
    assert_error(item, path, "page too large", "over the 1.0 KB limit")
    [item] = read_paths([path], max_document_bytes=200)  # the page fits; its text does not
    assert_error(item, path, "document too large", "over the 200 bytes limit")


# --- RSS / Atom -----------------------------------------------------------------------------


def test_rss_feed_one_document_per_item(tmp_path: Path, no_network: None) -> None:
    path = write(tmp_path / "wire.rss", RSS)
    items = read_paths([path], default_date=date(2000, 1, 1))
    assert not errors_of(items)
    first, second, third = docs_of(items)
    assert [d.origin for d in (first, second, third)] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [d.id for d in (first, second, third)] == [
        "wire-0001",
        "https://wire.example.com/paris-talks",
        "wire:3",
    ]
    assert [d.date for d in (first, second, third)] == [
        date(2024, 6, 22),  # 23:30 at UTC-3 is the next day in UTC
        date(2024, 6, 25),
        date(2000, 1, 1),
    ]
    assert {d.source for d in (first, second, third)} == {"World Wire"}
    assert first.title == "Iraq says it killed senior Islamic State leader"
    assert first.url == "https://wire.example.com/iraq-isis"
    # content:encoded wins over the teaser; tags, scripts and entities are gone
    assert first.text == (
        "Iraqi Prime Minister Mohammed Shia al-Sudani said on Friday that the country's "
        "intelligence service had killed a senior Islamic State leader.\n"
        "U.S. officials said the operation was carried out with the support of the "
        "coalition & its partners."
    )
    assert second.text == (
        "The foreign ministers of France and Germany met in Paris on Tuesday.\n"
        "They said that both countries would keep up their support for Kyiv."
    )
    assert third.text.startswith("Negotiators from the two countries said on Wednesday")
    assert "\n" not in third.text and "  " not in third.text


def test_atom_feed_one_document_per_entry(tmp_path: Path) -> None:
    path = write(tmp_path / "capital.atom", ATOM)
    items = read_paths([path])
    assert not errors_of(items)
    first, second = docs_of(items)
    assert first.id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert first.title == "Envoy warns of escalation"
    assert first.url == "https://capital.example.org/envoy-warns"
    assert first.date == date(2024, 7, 2)  # published 22:15 at UTC-4
    assert first.source == "Capital Report"
    assert first.text == (
        "The United Nations envoy warned on Monday that the fighting could spread to "
        "neighbouring countries.\nHe called for an immediate ceasefire."
    )
    assert (second.title, second.date, second.origin) == (
        "Parliament approves budget",
        date(2024, 7, 2),  # from <updated>
        f"{path}#2",
    )
    assert second.text.startswith("The parliament approved the budget on Tuesday")


def test_xml_extension_is_a_feed(tmp_path: Path) -> None:
    items = read_paths([write(tmp_path / "feed.XML", RSS)])
    assert len(docs_of(items)) == 3 and not errors_of(items)


def test_feed_entry_problems_are_errors_for_that_entry(tmp_path: Path) -> None:
    feed = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Mixed</title>
<item><title>Good</title><link>https://m/1</link><description>{ENGLISH}</description></item>
<item><title>Title only</title><link>https://m/2</link></item>
<item><title>Bad date</title><pubDate>sometime soon</pubDate>
  <description>{ENGLISH_2}</description></item>
<item><title>German</title><description>{GERMAN}</description></item>
<item><title>Good too</title><guid>m-5</guid><description>{ENGLISH_2}</description></item>
</channel></rss>
"""
    path = write(tmp_path / "mixed.xml", feed)
    items = read_paths([path])
    assert len(items) == 5
    assert isinstance(items[0], Document) and items[0].id == "https://m/1"
    assert_error(items[1], f"{path}#2", "entry has no text")
    assert_error(items[2], f"{path}#3", 'unparseable "published" "sometime soon"')
    assert_error(items[3], f"{path}#4", "does not look like English text")
    assert isinstance(items[4], Document) and items[4].id == "m-5"


# bad feeds, each with what its error says
BAD_FEEDS: dict[str, tuple[str | bytes, str]] = {
    "mismatched-tag": (
        RSS.replace("</item>", "</itm>", 1),
        "not a valid RSS/Atom feed (line 17, column",
    ),
    "truncated": (RSS[: len(RSS) // 2], "not a valid RSS/Atom feed (line"),
    "not-xml": ("this is not XML at all", "not a valid RSS/Atom feed"),
    "sitemap": ("<urlset><url><loc>https://x/</loc></url></urlset>", "not a valid RSS/Atom feed"),
    "no-entries": (
        '<rss version="2.0"><channel><title>Quiet</title></channel></rss>',
        "feed has no entries",
    ),
    "binary": (RSS.encode() + b"\x00\x00", "binary file"),
}


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [pytest.param("page.html", *case, id=f"html-{key}") for key, case in BAD_HTML.items()]
    + [pytest.param("feed.xml", *case, id=f"feed-{key}") for key, case in BAD_FEEDS.items()],
)
def test_bad_page_or_feed_is_one_error(
    tmp_path: Path, good_txt: Path, name: str, content: str | bytes, fragment: str
) -> None:
    path = write(tmp_path / name, content)
    items = read_paths([path, good_txt])
    assert_error_then_document(items, path, fragment)


def test_feed_error_location_is_the_files(tmp_path: Path) -> None:
    # feedparser parses a copy with an XML declaration added: the line is still the file's
    feed = '<rss version="2.0"><channel><title>x</title>\n<item><title>a</itm></channel></rss>'
    path = write(tmp_path / "nodecl.rss", feed)
    [item] = read_paths([path])
    assert_error(item, path, "not a valid RSS/Atom feed (line 2, column 17: mismatched tag)")


def test_feed_with_external_entity_does_not_read_it(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "TOP SECRET")
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>X</title>
<item><title>t</title><description>{ENGLISH} &xxe;</description></item>
</channel></rss>"""
    path = write(tmp_path / "xxe.xml", feed)
    [item] = read_paths([path])
    assert_error(item, path, "not a valid RSS/Atom feed")
    assert "TOP SECRET" not in str(item)


def test_html_to_text() -> None:
    markup = "<div>One <b>bold</b>\n word.</div><br/>Two &amp; three<ul><li>Four</li></ul>"
    assert html_to_text(markup) == "One bold word.\nTwo & three\nFour"


# --- gzip -----------------------------------------------------------------------------------


def test_gzip_of_every_format(tmp_path: Path) -> None:
    lines = f'{{"text": "{ENGLISH}"}}\n\n{{"id": "j2", "text": "{ENGLISH_2}"}}\n'
    jsonl = write_gz(tmp_path / "x.jsonl.gz", lines)
    txt = write_gz(tmp_path / "y.txt.gz", ENGLISH)
    table = write_gz(tmp_path / "z.csv.gz", csv_text(["text", "date"], [ENGLISH, "2024-06-21"]))
    page = write_gz(tmp_path / "page.html.gz", NEWS_HTML)
    feed = write_gz(tmp_path / "feed.xml.GZ", ATOM)
    items = read_paths([jsonl, txt, table, page, feed])
    assert not errors_of(items), [str(e) for e in errors_of(items)]
    assert [(d.id, d.origin) for d in docs_of(items)] == [
        ("x:1", f"{jsonl}:1"),
        ("j2", f"{jsonl}:3"),
        ("y", str(txt)),
        ("z:2", f"{table}:2"),
        ("page", str(page)),
        ("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", f"{feed}#1"),
        ("urn:uuid:2225c695-cfb8-4ebb-aaaa-80da344efa6b", f"{feed}#2"),
    ]
    assert docs_of(items)[3].date == date(2024, 6, 21)
    assert docs_of(items)[4].title == "Iraq says it killed senior Islamic State leader"


def test_gzip_line_errors_keep_the_gz_path(tmp_path: Path) -> None:
    path = write_gz(tmp_path / "w.jsonl.gz", f'{{"text": "{ENGLISH}"}}\nnot json\n')
    table = write_gz(tmp_path / "t.csv.gz", csv_text(["text", "id"], [ENGLISH, "1"], [" ", "2"]))
    items = read_paths([path, table])
    assert len(items) == 4
    assert_error(items[1], f"{path}:2", "not valid JSON")
    assert_error(items[3], f"{table}:3", '"text" is empty')


@pytest.mark.parametrize("name", ["cut.jsonl.gz", "cut.txt.gz", "cut.csv.gz", "cut.html.gz"])
def test_truncated_gzip_is_one_error(tmp_path: Path, good_txt: Path, name: str) -> None:
    content = NEWS_HTML if name.endswith(".html.gz") else ENGLISH
    if name.endswith(".jsonl.gz"):
        content = f'{{"text": "{ENGLISH}"}}\n'
    elif name.endswith(".csv.gz"):
        content = csv_text(["text"], [ENGLISH])
    data = gzip.compress(content.encode())
    path = write(tmp_path / name, data[: len(data) // 2])
    items = read_paths([path, good_txt])
    assert_error_then_document(items, path, "truncated or corrupt gzip file (")


def test_truncated_gzip_after_some_lines_yields_those_lines_then_one_error(
    tmp_path: Path,
) -> None:
    rows = "".join(f'{{"id": {i}, "text": "{ENGLISH} {i}"}}\n' for i in range(3000))
    data = gzip.compress(rows.encode())
    path = write(tmp_path / "long.jsonl.gz", data[: len(data) // 2])
    items = read_paths([path])
    errors = errors_of(items)
    assert len(errors) == 1 and items[-1] is errors[0]
    assert_error(errors[0], path, "truncated or corrupt gzip file")
    assert 0 < len(docs_of(items)) < 3000


@pytest.mark.parametrize("name", ["fake.jsonl.gz", "fake.xml.gz"])
def test_not_gzip_data_named_gz(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, ENGLISH)
    [item] = read_paths([path])
    assert_error(item, path, "truncated or corrupt gzip file (not a gzipped file")


def test_gzip_size_limit_applies_to_the_decompressed_document(tmp_path: Path) -> None:
    text = (ENGLISH + " ") * 50  # ~12 KB, compresses to well under 1 KB
    path = write_gz(tmp_path / "big.txt.gz", text)
    assert path.stat().st_size < 1_000
    [item] = read_paths([path], max_document_bytes=1_000)
    assert_error(item, path, "document too large: over the 1.0 KB limit once decompressed")
    table = write_gz(tmp_path / "big.csv.gz", csv_text(["text"], [text]))
    [item] = read_paths([table], max_document_bytes=5_000)
    assert_error(item, f"{table}:2", "document too large")


def test_unsupported_gz_name(tmp_path: Path) -> None:
    pdf = write_gz(tmp_path / "report.pdf.gz", b"%PDF")
    bare = write_gz(tmp_path / "archive.gz", b"x")
    items = read_paths([pdf, bare])
    assert_error(items[0], pdf, "unsupported file type '.pdf.gz'", ".csv", ".html", ".gz")
    assert_error(items[1], bare, "unsupported file type '.gz'")


# --- files and directories ------------------------------------------------------------------


def test_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, good_txt: Path) -> None:
    locked = [
        write(tmp_path / "locked.csv", csv_text(["text"], [ENGLISH])),
        write(tmp_path / "locked.html", NEWS_HTML),
        write(tmp_path / "locked.xml", RSS),
        write_gz(tmp_path / "locked.jsonl.gz", f'{{"text": "{ENGLISH}"}}\n'),
    ]
    with unreadable(monkeypatch, *locked):
        items = read_paths([*locked, good_txt])
    assert len(items) == 5
    for item, path in zip(items, locked, strict=False):
        assert_error(item, path, "cannot read file (permission denied)")
    assert isinstance(items[4], Document)


def test_missing_paths(tmp_path: Path, good_txt: Path) -> None:
    missing = [tmp_path / "nope.csv", tmp_path / "nope.html.gz", tmp_path / "no-dir"]
    items = read_paths([*missing, good_txt])
    assert len(items) == 4
    for item, path in zip(items, missing, strict=False):
        assert_error(item, path, "no such file or directory")
    assert isinstance(items[3], Document)


@pytest.mark.parametrize("with_other_files", [False, True])
def test_directory_without_inputs(tmp_path: Path, good_txt: Path, with_other_files: bool) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    if with_other_files:
        write(root / "notes.md", "# notes")
        write(root / "sub" / "data.json", "{}")
        write(root / "sub" / "archive.tar.gz", b"\x1f\x8b")
    items = read_paths([root, good_txt])
    listed = "directory has no .txt, .jsonl, .csv, .html, .htm, .xml, .rss"
    assert_error_then_document(items, root, listed)


def test_mixed_directory_in_sorted_path_order(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "a.txt", ENGLISH)
    write(root / "b" / "feed.xml", RSS)
    write(root / "b" / "wire.jsonl", f'{{"id": "w1", "text": "{ENGLISH_2}"}}\n')
    write(root / "c.csv", csv_text(["id", "text"], ["c1", ENGLISH], ["c2", ENGLISH_2]))
    write(root / "d.html", NEWS_HTML)
    write_gz(root / "e.jsonl.gz", f'{{"id": "e1", "text": "{ENGLISH}"}}\n')
    write(root / "f.pdf", b"%PDF-1.4")
    write(root / "g.json", "{}")
    write(root / ".hidden" / "h.csv", csv_text(["text"], [ENGLISH]))
    items = read_paths([root])
    assert not errors_of(items), [str(e) for e in errors_of(items)]
    assert [d.origin for d in docs_of(items)] == [
        str(root / "a.txt"),
        f"{root / 'b' / 'feed.xml'}#1",
        f"{root / 'b' / 'feed.xml'}#2",
        f"{root / 'b' / 'feed.xml'}#3",
        f"{root / 'b' / 'wire.jsonl'}:1",
        f"{root / 'c.csv'}:2",
        f"{root / 'c.csv'}:3",
        str(root / "d.html"),
        f"{root / 'e.jsonl.gz'}:1",
    ]
    assert [d.id for d in docs_of(items)][-4:] == ["c1", "c2", "d", "e1"]


def test_directory_bad_files_each_reported_once(tmp_path: Path) -> None:
    root = tmp_path / "in"
    notext = write(root / "1.csv", csv_text(["body"], [ENGLISH]))
    nav = write(root / "2.html", NAV_ONLY_HTML)
    broken = write(root / "3.xml", RSS[:300])
    data = gzip.compress(ENGLISH.encode())
    cut = write(root / "4.txt.gz", data[:20])
    write(root / "5.txt", ENGLISH)
    items = read_paths([root])
    assert len(items) == 5
    assert_error(items[0], notext, 'no "text" column (columns: body)')
    assert_error(items[1], nav, "no article text found in the HTML")
    assert_error(items[2], broken, "not a valid RSS/Atom feed")
    assert_error(items[3], cut, "truncated or corrupt gzip file")
    assert isinstance(items[4], Document)
