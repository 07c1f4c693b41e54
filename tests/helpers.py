"""Plain helpers and sample inputs shared by the test modules (fixtures live in conftest.py).

conftest.py registers this module for pytest's assertion rewriting, so a failing ``assert``
here reports its operands as it would in a test module.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from redline.actors.normalize import SKIPPED_TOKENS, normalize_phrase, spacy_tokenize
from redline.ingest import InputError, read_inputs
from redline.ingest import readers as readers_module
from redline.records import Document
from tests.conftest import ROOT, jsonl, run_cli

# --- sample inputs ----------------------------------------------------------------------------

ENGLISH = (
    "Iraqi Prime Minister Mohammed Shia al-Sudani said on Friday that the country's "
    "intelligence service had killed a senior Islamic State leader in an airstrike. "
    "U.S. officials said the operation was carried out with the support of the coalition."
)
ENGLISH_2 = (
    "The foreign ministers of France and Germany met in Paris on Tuesday to discuss the war "
    "in Ukraine. They said that both countries would keep up their support for Kyiv."
)
GERMAN = (
    "Die Bundesregierung hat am Mittwoch neue Sanktionen gegen Russland angekündigt. "
    "Außenministerin Baerbock sagte in Berlin, man werde die Ukraine weiterhin mit Waffen "
    "und humanitärer Hilfe unterstützen. Die Opposition kritisierte den Beschluss als zu "
    "zögerlich und forderte eine Abstimmung im Bundestag."
)
# One sentence that the coder makes an event of (the command-line tests).
GOOD = (
    "Russian President Vladimir Putin has issued a stern warning to South Korea against "
    "supplying lethal weapons to Ukraine."
)

NEWS_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Iraq says it killed senior Islamic State leader | World News Daily</title>
<meta property="og:title" content="Iraq says it killed senior Islamic State leader">
<meta property="og:site_name" content="World News Daily">
<meta property="article:published_time" content="2024-06-21T10:15:00+03:00">
<link rel="canonical" href="https://news.example.com/world/iraq-isis-leader-killed">
<script>window.analytics = {track: function () {}};</script>
</head>
<body>
<header>
  <a class="logo" href="/">World News Daily</a>
  <nav><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
    <li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="/subscribe">Subscribe now for unlimited access</a></li>
  </ul></nav>
</header>
<main>
<article>
<h1>Iraq says it killed senior Islamic State leader</h1>
<p class="byline">By Staff Reporter</p>
<p>Iraqi Prime Minister Mohammed Shia al-Sudani said on Friday that the country's intelligence
service had killed a senior Islamic State leader in an airstrike in the western desert.</p>
<p>U.S. officials said the operation was carried out with the support of the international
coalition, which has helped Iraqi forces track the group's remaining cells since 2017.</p>
<p>The prime minister's office said the leader had been responsible for planning attacks
against civilians and security forces in Anbar and Nineveh provinces.</p>
</article>
</main>
<aside><h2>Most read</h2><ul>
  <li><a href="/a">Celebrity chef opens a new restaurant downtown</a></li>
  <li><a href="/b">Weather warning issued for the weekend</a></li>
</ul></aside>
<footer>
  <p>Copyright 2024 World News Daily. All rights reserved.</p>
  <p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie settings</a> |
  <a href="/contact">Contact us</a></p>
</footer>
</body>
</html>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Capital Report</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-07-02T12:00:00Z</updated>
  <entry>
    <title type="html">Envoy &lt;em&gt;warns&lt;/em&gt; of escalation</title>
    <link href="https://capital.example.org/envoy-warns"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2024-07-01T22:15:00-04:00</published>
    <updated>2024-07-02T08:00:00Z</updated>
    <summary>Teaser only.</summary>
    <content type="html">&lt;p&gt;The United Nations envoy warned on Monday that the fighting
      could spread to neighbouring countries.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;He called for an
      immediate ceasefire.&lt;/li&gt;&lt;/ul&gt;</content>
  </entry>
  <entry>
    <title>Parliament approves budget</title>
    <link href="https://capital.example.org/budget"/>
    <id>urn:uuid:2225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
    <updated>2024-07-02T10:30:00Z</updated>
    <summary type="text">The parliament approved the budget on Tuesday after a long debate
      over military spending.</summary>
  </entry>
</feed>
"""


# --- writing inputs ---------------------------------------------------------------------------


def write(path: Path, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to ``path``, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def write_gz(path: Path, content: str | bytes) -> Path:
    data = content.encode() if isinstance(content, str) else content
    return write(path, gzip.compress(data))


def jsonl_text(*rows: Any) -> str:
    """JSONL lines: a string row as written, any other row as its JSON."""
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def csv_text(*rows: Iterable[object]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


# --- reading inputs ---------------------------------------------------------------------------


def read_paths(paths: Iterable[str | Path], **kwargs: Any) -> list[Document | InputError]:
    """All that ``read_inputs`` gives for ``paths``."""
    return list(read_inputs([str(p) for p in paths], **kwargs))


def docs_of(items: list[Document | InputError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def errors_of(items: list[Document | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def assert_error(item: Document | InputError, origin: str | Path, *fragments: str) -> None:
    """``item`` is an InputError for ``origin`` with a one-line, well-formed message."""
    assert isinstance(item, InputError), f"expected an InputError, got {item!r}"
    text = str(item)
    assert item.origin == str(origin)
    assert text.startswith(f"{origin}: ")
    assert "\n" not in text and "\r" not in text
    assert item.message and not item.message[0].isupper()
    assert not item.message.endswith(".")
    for fragment in fragments:
        assert fragment in item.message, f"{fragment!r} not in {item.message!r}"


def assert_error_then_document(
    items: list[Document | InputError], origin: str | Path, *fragments: str
) -> None:
    """``items`` are one error for ``origin`` (see ``assert_error``), then one document: the
    bad input is reported and the run goes on to the good one after it."""
    assert len(items) == 2
    assert_error(items[0], origin, *fragments)
    assert isinstance(items[1], Document)


class OpenSpy:
    """Stands in for ``open`` in the readers' module: the names it was asked to open, in
    order, and the streams it opened."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        self.streams: list[Any] = []
        self._open = open
        monkeypatch.setattr(readers_module, "open", self, raising=False)

    def __call__(self, file: Any, *args: Any, **kwargs: Any) -> Any:
        self.names.append(str(file))
        stream = self._open(file, *args, **kwargs)
        self.streams.append(stream)
        return stream


def assert_streamed(monkeypatch: pytest.MonkeyPatch, path: Path, count: int, part: int) -> None:
    """``path`` holds ``count`` documents, ids "0" on: the readers hand out the first having
    read under one ``part``-th of the file, and close the file once all are read."""
    spy = OpenSpy(monkeypatch)
    iterator = read_inputs([str(path)])
    first = next(iterator)
    assert isinstance(first, Document) and first.id == "0"
    [stream] = spy.streams
    assert stream.tell() < path.stat().st_size // part
    assert len(list(iterator)) == count - 1
    assert stream.closed


@contextmanager
def unreadable(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> Iterator[None]:
    """The files at ``paths`` cannot be read while in the block: mode 0, and where that does
    not bite (running as root) the readers' ``open`` refuses them as the system would."""
    for path in paths:
        path.chmod(0)
    if os.access(paths[0], os.R_OK):
        real_open = open
        names = {str(path) for path in paths}

        def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file) in names:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(readers_module, "open", fake_open, raising=False)
    try:
        yield
    finally:
        for path in paths:
            path.chmod(0o644)


# --- processes --------------------------------------------------------------------------------


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``code`` with ``args`` in a fresh interpreter (its imports are its own, not this
    process's), in the checkout's root; it must exit 0. Its output is captured."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, cwd=ROOT, timeout=300
    )
    assert out.returncode == 0, out.stderr.decode()
    return out


def duckdb_literal(value: Any) -> str:
    """A Python value as a DuckDB literal (structs from dicts, lists from lists)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, list):
        return "[" + ", ".join(duckdb_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"'{k}': {duckdb_literal(v)}" for k, v in value.items()) + "}"
    return "'" + str(value).replace("'", "''") + "'"


def insert_events(con: Any, events: Iterable[dict[str, Any]]) -> None:
    """Rows of the store's events table as given (column -> value), by name: a store with
    exactly these events, no coder involved."""
    for event in events:
        columns = ", ".join(f'{duckdb_literal(v)} AS "{k}"' for k, v in event.items())
        con.execute(f"INSERT INTO events BY NAME SELECT {columns}")


def ingested(db: Path, *sources: Path) -> Path:
    """``db`` with ``sources`` ingested by the lexicon-only coder (``redline ingest
    --no-classifier``); the ingest must succeed."""
    done = run_cli("ingest", *map(str, sources), "--db", str(db), "--no-classifier", "--quiet")
    assert done.returncode == 0, done.stderr.decode()
    return db


def stories(path: Path, rows: Iterable[tuple[str, str, str]]) -> Path:
    """A JSONL file of stories from (id, text, date) rows."""
    return write(path, jsonl_text(*({"id": i, "text": t, "date": d} for i, t, d in rows)))


def coded_records(path: Path) -> list[dict[str, Any]]:
    """The records that ``redline code PATH --format jsonl`` writes; it must exit 0."""
    result = run_cli("code", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    return jsonl(result.stdout)


# --- scripts ----------------------------------------------------------------------------------


def load_script(path: Path) -> ModuleType:
    """The script at ``path`` (scripts/ is no package) imported as a module named after its
    file, registered in ``sys.modules`` (as dataclasses need)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# --- actor tables -----------------------------------------------------------------------------


@cache
def blank_tokenizer() -> Callable[[str], list[str]]:
    """The tokenizer of a blank English spaCy pipeline, as the actor tables are made with."""
    import spacy

    return spacy_tokenize(spacy.blank("en").tokenizer)


def assert_pattern_normalised(pattern: str) -> None:
    """``pattern`` is written as an actor table must write it: the normalised tokens of its
    phrase, lower case, one space apart."""
    tokens = tuple(pattern.split(" "))
    assert all(tokens), f"empty token (double space?) in {pattern!r}"
    assert pattern == pattern.strip().lower(), pattern
    assert not any(t in SKIPPED_TOKENS for t in tokens), pattern
    assert not any(q in pattern for q in "’‘`´"), pattern
    # spaCy's abbreviation exceptions are case-sensitive ("U.S." is one token, "u.s." is
    # not), so the lower-case pattern is re-tokenised as written and in upper/title case.
    variants = (pattern, pattern.upper(), pattern.title())
    tokenize = blank_tokenizer()
    assert any(normalize_phrase(v, tokenize) == tokens for v in variants), pattern
